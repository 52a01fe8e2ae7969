import Foundation

/// A voice espeak-ng can speak with: a language voice ("en", "fr", "cmn"), an optional
/// variant ("m3", "f2"), and the prosody that makes one speaker differ from the next.
public struct SpeechVoice: Sendable, Hashable, Codable {
    public var language: String
    public var variant: String?
    /// Words per minute, 80–450 (175 is espeak-ng's normal).
    public var rate: Int
    /// Base pitch and pitch range, 0–100 (50 is normal).
    public var pitch: Int
    public var range: Int

    public init(language: String, variant: String? = nil, rate: Int = 165, pitch: Int = 50, range: Int = 50) {
        self.language = language
        self.variant = variant
        self.rate = rate
        self.pitch = pitch
        self.range = range
    }

    /// The name espeak-ng looks the voice up by: language, then `+variant`.
    var espeakName: String { variant.map { "\(language)+\($0)" } ?? language }

    static let rates = 80...450, levels = 0...100
}

/// Speech through libespeak-ng, one utterance per `scenewright-speak` process: espeak-ng keeps
/// its synthesis state in process-wide statics that nothing resets, so in a long-lived process
/// the same text would come out differently each time, while the first utterance of a fresh
/// process is always the same. A process per clip also lets two clips be spoken at once.
/// Callers run this off the event loop. The same text and voice give the same samples.
public enum SpeechSynthesizer {
    /// The longest text spoken in one call, in UTF-8 bytes (a tour stop is well under it).
    public static let maximumTextBytes = 16_384
    /// A clip that takes longer than this is abandoned.
    public static let timeout: Duration = .seconds(60)

    /// The helper: `$SCENEWRIGHT_SPEAK`, else `scenewright-speak` beside the running executable.
    public static var helper: URL? {
        if let path = ProcessInfo.processInfo.environment["SCENEWRIGHT_SPEAK"], !path.isEmpty { return URL(fileURLWithPath: path) }
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let beside = executable.deletingLastPathComponent().appendingPathComponent("scenewright-speak")
        return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : nil
    }

    /// `text` spoken by `voice`, as a clip at espeak-ng's sample rate (22,050 Hz).
    /// - Throws: ``AudioError`` for empty or oversized text, an unknown voice, out-of-range
    ///   prosody, a missing helper or espeak-ng data, or a helper that fails or times out.
    public static func speak(_ text: String, voice: SpeechVoice) throws -> AudioClip {
        guard !text.allSatisfy(\.isWhitespace) else { throw AudioError("nothing to say: the text is empty") }
        guard text.utf8.count <= maximumTextBytes else { throw AudioError("text is \(text.utf8.count) bytes; at most \(maximumTextBytes) are spoken at once") }
        guard SpeechVoice.rates.contains(voice.rate) else { throw AudioError("rate must be \(SpeechVoice.rates.lowerBound)–\(SpeechVoice.rates.upperBound) words per minute (got \(voice.rate))") }
        guard SpeechVoice.levels.contains(voice.pitch), SpeechVoice.levels.contains(voice.range) else { throw AudioError("pitch and range must be 0–100") }
        guard voice.espeakName.allSatisfy({ $0.isLetter || $0.isNumber || "+-_".contains($0) }) else { throw AudioError("voice name \"\(voice.espeakName)\" has characters no espeak-ng voice has") }
        guard let helper else { throw AudioError("scenewright-speak was not found beside the executable (build it, or set SCENEWRIGHT_SPEAK)") }
        // Control characters become spaces: espeak-ng would otherwise spell some of them out.
        let clean = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        let (status, output, errors) = try run(helper, [voice.espeakName, String(voice.rate), String(voice.pitch), String(voice.range), String(timeout.components.seconds)], input: Data(clean.utf8))
        guard status == 0 else {
            let reason = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw AudioError(status == 3 ? "espeak-ng has no voice \"\(voice.espeakName)\"" : reason.isEmpty ? "scenewright-speak failed (status \(status))" : reason)
        }
        guard output.count >= 4, output.count % 2 == 0 else { throw AudioError("scenewright-speak wrote a malformed clip (\(output.count) bytes)") }
        let bytes = [UInt8](output)
        let rate = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
        let samples = stride(from: 4, to: bytes.count, by: 2).map { Float(Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)) / 32768 }
        return AudioClip(samples: samples, sampleRate: rate)
    }

    /// Runs the helper on the calling thread alone: it reads all of its input before it writes,
    /// so writing first cannot deadlock; its standard error (one short line, well under a pipe's
    /// buffer) is read after it exits; it ends itself after ``timeout`` (`alarm`). Nothing here
    /// waits on another dispatch thread, so many clips made at once cannot starve one another.
    private static func run(_ tool: URL, _ arguments: [String], input: Data) throws -> (Int32, Data, Data) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch { throw AudioError("cannot start scenewright-speak: \(error)") }
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        if process.terminationReason == .uncaughtSignal { throw AudioError("scenewright-speak was stopped after \(timeout) (or crashed)") }
        return (process.terminationStatus, output, errors)
    }
}
