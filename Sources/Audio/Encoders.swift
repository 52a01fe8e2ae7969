import CLame
import COpusEnc
import Foundation
import Synchronization

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

    /// The clip in this format at `target` as the file decodes: the samples are normalised,
    /// encoded, and — for MP3, whose encoder drops some of the high-frequency energy EBU R128
    /// weights (0.4 dB on long speech, over 1 dB on a two-second line) — decoded with LAME's own
    /// decoder, measured, and re-normalised by the difference before the final encoding. The
    /// comment records the loudness of what the file decodes to.
    /// - Throws: ``AudioError`` for a silent clip or an encoder failure.
    public func encode(_ clip: AudioClip, normalisedTo target: Loudness.Target) throws -> Data {
        var normalised = try Loudness.normalise(clip, to: target)
        guard self == .mp3 else { return try encode(normalised) }
        var decoded = try Loudness.measure(AudioClip(samples: try Self.decodeMP3(try encode(normalised)), sampleRate: clip.sampleRate))
        if abs(decoded.integrated - target.integrated) > Self.mp3Tolerance {
            let compensated = Loudness.Target(integrated: target.integrated + (target.integrated - decoded.integrated), truePeakCeiling: target.truePeakCeiling)
            normalised = try Loudness.normalise(clip, to: compensated)
            decoded = try Loudness.measure(AudioClip(samples: try Self.decodeMP3(try encode(normalised)), sampleRate: clip.sampleRate))
        }
        normalised.loudness = decoded
        return try encode(normalised)
    }

    /// How far an MP3 may measure from its target before it is compensated (dB).
    static let mp3Tolerance = 0.15

    /// The samples LAME's decoder reads from an MP3 file.
    static func decodeMP3(_ file: Data) throws -> [Float] {
        var out: UnsafeMutablePointer<Float>?
        let count = lame.withLock { _ in
            file.withUnsafeBytes { raw in scenewright_mp3_decode(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &out) }
        }
        guard count >= 0, let out else { throw AudioError("the MP3 does not decode") }
        defer { scenewright_mp3_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: count))
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

    /// LAME keeps tables in process-wide statics that its encoder and decoder fill in as they
    /// start; two calls at once gave different bytes for the same clip. One call at a time.
    static let lame = Mutex(())

    private static func mp3(_ clip: AudioClip) throws -> Data {
        var buffer = scenewright_mp3_buffer()
        let status = lame.withLock { _ in
            clip.samples.withUnsafeBufferPointer { pcm in
                scenewright_mp3_encode(pcm.baseAddress, Int32(pcm.count), Int32(clip.sampleRate), Int32(mp3Kbps), clip.metadataComment, &buffer)
            }
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
