import Foundation

/// ffmpeg and ffprobe from Debian, as an independent reader of the audio files we write:
/// what a file decodes to (codec, sample rate, duration) and its EBU R128 loudness as
/// ffmpeg's own `ebur128` filter measures it.
public enum FFmpeg {
    public static func locate(_ tool: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(directory)/\(tool)") { return "\(directory)/\(tool)" }
        return nil
    }

    public static var available: Bool { locate("ffmpeg") != nil && locate("ffprobe") != nil }

    /// What ffprobe reads from the file's first audio stream.
    public struct Probe: Sendable {
        public var codec: String
        public var sampleRate: Int
        public var channels: Int
        public var duration: Double
        public var tags: [String: String]
    }

    public static func probe(_ file: URL) throws -> Probe {
        let (status, output) = try run(locate("ffprobe") ?? "ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file.path])
        guard status == 0, let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              let stream = (json["streams"] as? [[String: Any]])?.first(where: { $0["codec_type"] as? String == "audio" }),
              let format = json["format"] as? [String: Any] else { throw FFmpegError("ffprobe could not read \(file.lastPathComponent): \(output)") }
        let duration = Double(stream["duration"] as? String ?? "") ?? Double(format["duration"] as? String ?? "") ?? -1
        var tags = (format["tags"] as? [String: String]) ?? [:]
        for (key, value) in (stream["tags"] as? [String: String]) ?? [:] { tags[key] = value }
        return Probe(codec: stream["codec_name"] as? String ?? "", sampleRate: Int(stream["sample_rate"] as? String ?? "") ?? 0,
                     channels: stream["channels"] as? Int ?? 0, duration: duration, tags: tags)
    }

    /// Integrated loudness (LUFS) and true peak (dBTP) from `ffmpeg -af ebur128=peak=true`.
    public static func loudness(_ file: URL) throws -> (integrated: Double, truePeak: Double) {
        let (status, output) = try run(locate("ffmpeg") ?? "ffmpeg", ["-hide_banner", "-nostats", "-i", file.path, "-af", "ebur128=peak=true", "-f", "null", "-"])
        guard status == 0, let summary = output.range(of: "Summary:") else { throw FFmpegError("ffmpeg could not measure \(file.lastPathComponent): \(output.suffix(400))") }
        let tail = String(output[summary.upperBound...])
        func value(after label: String) -> Double? {
            guard let range = tail.range(of: label) else { return nil }
            let rest = tail[range.upperBound...].drop(while: { $0 == " " })
            return Double(rest.prefix(while: { "-+.0123456789".contains($0) }))
        }
        guard let integrated = value(after: "I:"), let peak = value(after: "Peak:") else { throw FFmpegError("no loudness summary in ffmpeg's output") }
        return (integrated, peak)
    }

    /// The first channel's samples as ffmpeg decodes them (float, at the file's own rate).
    public static func decode(_ file: URL) throws -> [Float] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ffmpeg-\(UUID().uuidString).f32")
        defer { try? FileManager.default.removeItem(at: out) }
        let (status, output) = try run(locate("ffmpeg") ?? "ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", file.path, "-ac", "1", "-f", "f32le", out.path])
        guard status == 0 else { throw FFmpegError("ffmpeg could not decode \(file.lastPathComponent): \(output)") }
        let data = try Data(contentsOf: out)
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

public struct FFmpegError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
