import CLame
import COpusEnc
import Foundation

/// The file formats a clip is served in: Ogg Opus (web and headset browsers), MP3 (Apple
/// clients and USDZ) and WAV. Each carries ``AudioClip/metadataComment``.
public enum AudioFormat: String, Sendable, CaseIterable, Codable {
    case opus, mp3, wav

    public var mediaType: String {
        switch self {
        case .opus: return "audio/ogg; codecs=opus"
        case .mp3: return "audio/mpeg"
        case .wav: return "audio/wav"
        }
    }

    /// The clip in this format. Deterministic: the same clip gives the same bytes.
    /// - Throws: ``AudioError`` with the encoder's reason.
    public func encode(_ clip: AudioClip) throws -> Data {
        switch self {
        case .wav: return WAV.encode(clip)
        case .opus: return try Self.opus(clip)
        case .mp3: return try Self.mp3(clip)
        }
    }

    /// 64 kbit/s mono Opus, full band: a fifth of the WAV.
    static let opusBitrate = 64_000
    /// 64 kbit/s constant-bit-rate mono MP3.
    static let mp3Kbps = 64
    /// Every stream gets the same Ogg serial number: the bytes depend on the clip alone.
    static let oggSerial: Int32 = 0x5357_0001

    private static func opus(_ clip: AudioClip) throws -> Data {
        var buffer = scenewright_opus_buffer()
        let status = clip.samples.withUnsafeBufferPointer { pcm in
            scenewright_opus_encode(pcm.baseAddress, Int32(pcm.count), Int32(clip.sampleRate), Int32(opusBitrate), clip.metadataComment, oggSerial, &buffer)
        }
        guard status == 0, let data = buffer.data else { throw AudioError("libopusenc could not encode the clip: \(String(cString: scenewright_opus_error(status)))") }
        defer { scenewright_opus_free(data) }
        return Data(bytes: data, count: buffer.size)
    }

    private static func mp3(_ clip: AudioClip) throws -> Data {
        var buffer = scenewright_mp3_buffer()
        let status = clip.samples.withUnsafeBufferPointer { pcm in
            scenewright_mp3_encode(pcm.baseAddress, Int32(pcm.count), Int32(clip.sampleRate), Int32(mp3Kbps), clip.metadataComment, &buffer)
        }
        guard status == 0, let data = buffer.data else {
            throw AudioError(status == 1 ? "LAME does not encode \(clip.sampleRate) Hz at \(mp3Kbps) kbit/s" : "LAME could not encode the clip")
        }
        defer { scenewright_mp3_free(data) }
        return Data(bytes: data, count: buffer.size)
    }
}

extension AudioClip {
    /// "duration=12.345 s; loudness=-16.0 LUFS; truePeak=-1.6 dBTP" (loudness when measured):
    /// the comment every format carries.
    public var metadataComment: String {
        var parts = [String(format: "duration=%.3f s", duration)]
        if let loudness {
            parts.append(String(format: "loudness=%.1f LUFS", loudness.integrated))
            parts.append(String(format: "truePeak=%.1f dBTP", loudness.truePeak))
        }
        return parts.joined(separator: "; ")
    }
}
