import Foundation

/// RIFF WAVE: written as 16-bit PCM mono, with the clip's duration and loudness in a
/// `LIST`/`INFO` comment (`ICMT`), which ffprobe shows as the `comment` tag; read from the
/// common integer and float layouts other programs write.
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
        let layout = try Layout(file)
        return Double(layout.dataCount) / Double(layout.byteRate)
    }

    /// The samples of a WAV file another program wrote (a speech server): 16-, 24- or 32-bit
    /// integer PCM or 32-bit float, any channel count (mixed down to mono), any rate. A `data`
    /// size of 0 or 0xFFFFFFFF (a stream that never knew its length) reads to the end of the file.
    /// - Throws: ``AudioError`` for anything else.
    public static func decode(_ file: Data) throws -> AudioClip {
        let layout = try Layout(file)
        let bytes = [UInt8](file)
        let width = layout.bitsPerSample / 8, frame = width * layout.channels
        guard layout.sampleRate >= 8_000, layout.sampleRate <= 192_000, layout.channels >= 1, layout.channels <= 8, frame > 0 else {
            throw AudioError("unsupported WAV: \(layout.channels) channels at \(layout.sampleRate) Hz")
        }
        let frames = layout.dataCount / frame
        var samples = [Float](repeating: 0, count: frames)
        for index in 0..<frames {
            var sum: Float = 0
            for channel in 0..<layout.channels {
                let at = layout.dataOffset + index * frame + channel * width
                let raw = (0..<width).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
                switch (layout.format, layout.bitsPerSample) {
                case (1, 16): sum += Float(Int16(bitPattern: UInt16(raw))) / 32768
                case (1, 24): sum += Float(Int32(bitPattern: raw << 8) >> 8) / 8_388_608
                case (1, 32): sum += Float(Int32(bitPattern: raw)) / 2_147_483_648
                case (3, 32): sum += Float(bitPattern: raw)
                default: throw AudioError("unsupported WAV encoding: format \(layout.format), \(layout.bitsPerSample) bits")
                }
            }
            samples[index] = max(-1, min(1, sum / Float(layout.channels)))
        }
        return AudioClip(samples: samples, sampleRate: layout.sampleRate)
    }

    /// Where a WAV file's samples are and how they are laid out.
    struct Layout {
        var format = 0, channels = 0, sampleRate = 0, byteRate = 0, bitsPerSample = 0
        var dataOffset = 0, dataCount = 0

        init(_ file: Data) throws {
            let bytes = [UInt8](file)
            guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
                throw AudioError("not a RIFF WAVE file")
            }
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            var offset = 12, sawFormat = false
            while offset + 8 <= bytes.count {
                let size = u32(offset + 4), body = offset + 8
                if bytes[offset..<offset + 4].elementsEqual("fmt ".utf8), body + 16 <= bytes.count {
                    format = u16(body)
                    channels = u16(body + 2)
                    sampleRate = u32(body + 4)
                    byteRate = u32(body + 8)
                    bitsPerSample = u16(body + 14)
                    // WAVE_FORMAT_EXTENSIBLE: the real format is the sub-format GUID's first two bytes.
                    if format == 0xFFFE, size >= 40, body + 26 <= bytes.count { format = u16(body + 24) }
                    sawFormat = true
                } else if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                    guard sawFormat, byteRate > 0 else { break }
                    dataOffset = body
                    let available = bytes.count - body
                    dataCount = size == 0 || size == 0xFFFF_FFFF || size > available ? available : size
                    return
                }
                offset = body + size + size % 2
            }
            throw AudioError("the WAV file has no fmt and data chunks")
        }
    }

    private static func le32(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(value).littleEndian, Array.init) }
    private static func le16(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(value).littleEndian, Array.init) }
}
