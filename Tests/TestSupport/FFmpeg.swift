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

    /// Everything the suite checks about one served clip, read from its bytes.
    public struct ClipReport: Sendable, CustomStringConvertible {
        public var codec: String
        public var sampleRate: Int
        public var channels: Int
        /// Seconds of samples ffmpeg decodes.
        public var decodedSeconds: Double
        /// The `duration=` the file's comment records.
        public var recordedSeconds: Double?
        public var integrated: Double
        public var truePeak: Double

        public var description: String {
            String(format: "%@ %d Hz, %.3f s decoded (%.3f recorded), %.1f LUFS, %.1f dBTP", codec, sampleRate, decodedSeconds, recordedSeconds ?? -1, integrated, truePeak)
        }
    }

    /// Writes `data` as `name` in `directory`, then probes, decodes and measures it.
    public static func check(_ data: Data, name: String, in directory: TemporaryDirectory) throws -> ClipReport {
        let file = try directory.write(name, data)
        let probe = try probe(file)
        let decoded = Double(try decode(file).count) / Double(max(1, probe.sampleRate))
        let comment = probe.tags.first { $0.key.lowercased() == "comment" }?.value
        let recorded = comment.flatMap { text -> Double? in
            guard let range = text.range(of: "duration=") else { return nil }
            return Double(text[range.upperBound...].prefix { "0123456789.".contains($0) })
        }
        let (integrated, truePeak) = try loudness(file)
        return ClipReport(
            codec: probe.codec, sampleRate: probe.sampleRate, channels: probe.channels, decodedSeconds: decoded, recordedSeconds: recorded,
            integrated: integrated, truePeak: truePeak)
    }

    /// The codec and sample rate ffprobe reports for our files in each format (`opus`, `mp3`, `wav`).
    public static func expected(format: String) -> (codec: String, sampleRate: Int) {
        switch format {
        case "opus": return ("opus", 48_000)
        case "mp3": return ("mp3", 22_050)
        default: return ("pcm_s16le", 22_050)
        }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let (status, data) = try runData(tool, arguments, mergeErrors: true)
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Runs `tool`; its standard output (and standard error, when merged) as bytes.
    static func runData(_ tool: String, _ arguments: [String], mergeErrors: Bool = false) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = mergeErrors ? pipe : FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}

public struct FFmpegError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Python's `zipfile`, as an independent reader of the zips we write: the names in order, after
/// every entry's CRC was checked.
public enum ZipReader {
    public static func names(of file: URL) throws -> [String] {
        let script = "import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nbad = z.testzip()\nprint(json.dumps({'bad': bad, 'names': z.namelist()}))"
        let (status, output) = try FFmpeg.run("/usr/bin/python3", ["-c", script, file.path])
        guard status == 0, let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], let names = json["names"] as? [String] else {
            throw FFmpegError("python3 zipfile could not read \(file.lastPathComponent): \(output.suffix(300))")
        }
        if let bad = json["bad"] as? String { throw FFmpegError("\(file.lastPathComponent): entry \(bad) fails its CRC") }
        return names
    }

    /// The bytes of one entry, as zipfile extracts them.
    public static func entry(_ name: String, of file: URL) throws -> Data {
        let script = "import sys, zipfile\nsys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))"
        let (status, output) = try FFmpeg.runData("/usr/bin/python3", ["-c", script, file.path, name])
        guard status == 0 else { throw FFmpegError("python3 zipfile could not extract \(name)") }
        return output
    }
}

/// Python's `csv` module, as an independent reader of the CSV we write: each record as a
/// dictionary by header, plus `_sha256` (the SHA-256 hex of its `text`, from `hashlib`).
public enum CSVReader {
    public static func records(_ data: Data, in directory: TemporaryDirectory) throws -> (header: [String], records: [[String: String]]) {
        let file = try directory.write("table-\(UUID().uuidString).csv", data)
        let script = """
            import csv, hashlib, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                reader = csv.DictReader(f)
                rows = [dict(r, _sha256=hashlib.sha256(r['text'].encode()).hexdigest()) for r in reader]
                print(json.dumps({'header': reader.fieldnames, 'rows': rows}))
            """
        let (status, output) = try FFmpeg.runData("/usr/bin/python3", ["-c", script, file.path])
        guard status == 0, let json = try JSONSerialization.jsonObject(with: output) as? [String: Any],
              let header = json["header"] as? [String], let rows = json["rows"] as? [[String: String]] else {
            throw FFmpegError("python3 csv could not read the table")
        }
        return (header, rows)
    }
}

/// Runs blocking work — a checker process, a decoder — on a thread of its own and awaits it, so
/// an async test never holds one of the few cooperative threads every suite shares (holding
/// them starved other suites' timers).
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
