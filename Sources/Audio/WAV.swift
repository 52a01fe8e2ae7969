import Foundation

/// RIFF WAVE, 16-bit PCM mono, with the clip's duration and loudness in a `LIST`/`INFO`
/// comment (`ICMT`), which ffprobe shows as the `comment` tag.
public enum WAV {
    public static func encode(_ clip: AudioClip) -> Data {
        var pcm = [UInt8]()
        pcm.reserveCapacity(clip.samples.count * 2)
        for sample in clip.samples {
            let value = Int16(max(-32768, min(32767, (sample * 32768).rounded())))
            withUnsafeBytes(of: value.littleEndian) { pcm.append(contentsOf: $0) }
        }
        var comment = Array(clip.metadataComment.utf8) + [0]
        if comment.count % 2 == 1 { comment.append(0) }
        var info = Array("INFO".utf8) + Array("ICMT".utf8)
        info += le32(comment.count) + comment
        var out = Array("RIFF".utf8) + le32(4 + (8 + 16) + (8 + info.count) + (8 + pcm.count + pcm.count % 2)) + Array("WAVE".utf8)
        out += Array("fmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(clip.sampleRate) + le32(clip.sampleRate * 2) + le16(2) + le16(16)
        out += Array("LIST".utf8) + le32(info.count) + info
        out += Array("data".utf8) + le32(pcm.count) + pcm
        if pcm.count % 2 == 1 { out.append(0) }
        return Data(out)
    }

    /// Seconds of audio in a 16-bit PCM WAV file: the `data` chunk's size over the byte rate
    /// of its `fmt ` chunk.
    /// - Throws: ``AudioError`` when the file is not RIFF WAVE or lacks either chunk.
    public static func duration(of file: Data) throws -> Double {
        let bytes = [UInt8](file)
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw AudioError("not a RIFF WAVE file")
        }
        var offset = 12, byteRate: Int?
        while offset + 8 <= bytes.count {
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let body = offset + 8
            if bytes[offset..<offset + 4].elementsEqual("fmt ".utf8), body + 12 <= bytes.count {
                byteRate = Int(bytes[body + 8]) | Int(bytes[body + 9]) << 8 | Int(bytes[body + 10]) << 16 | Int(bytes[body + 11]) << 24
            } else if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                guard let byteRate, byteRate > 0 else { break }
                return Double(size) / Double(byteRate)
            }
            offset = body + size + size % 2
        }
        throw AudioError("the WAV file has no fmt and data chunks")
    }

    private static func le32(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(value).littleEndian, Array.init) }
    private static func le16(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(value).littleEndian, Array.init) }
}
