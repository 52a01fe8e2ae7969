import AsyncHTTPClient
import Foundation

/// Where an optional better voice runs: an OpenAI-compatible `POST /v1/audio/speech` endpoint
/// (several local TTS servers speak it), asked for WAV.
public struct SpeechServerSettings: Sendable, Hashable, Codable {
    /// Base URL, such as `http://127.0.0.1:8880` (the client appends `/v1/audio/speech`).
    public var url: String
    /// The `model` field sent with every request.
    public var model: String
    /// Sent as `Authorization: Bearer …` when set; never logged, never part of a cache key.
    public var apiKey: String?
    /// Longest wait for one clip; past it espeak-ng speaks instead.
    public var timeoutSeconds: Double
    /// Consecutive failures after which the server is left alone for `cooldownSeconds`.
    public var failuresBeforeOpening: Int
    public var cooldownSeconds: Double

    public init(url: String, model: String = "tts-1", apiKey: String? = nil, timeoutSeconds: Double = 30, failuresBeforeOpening: Int = 3, cooldownSeconds: Double = 30) {
        self.url = url
        self.model = model
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
        self.failuresBeforeOpening = failuresBeforeOpening
        self.cooldownSeconds = cooldownSeconds
    }

    /// Why these settings cannot work, or nil.
    public var problem: String? {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            return "--tts-url must be an http(s) URL such as http://127.0.0.1:8880 (got '\(url.prefix(80))')"
        }
        guard !model.isEmpty, model.count <= 200 else { return "--tts-model must be 1–200 characters" }
        guard timeoutSeconds > 0, timeoutSeconds <= 600 else { return "--tts-timeout must be between 0 and 600 seconds" }
        return nil
    }

    /// The model (not the URL or key): part of every remote clip's id.
    public var fingerprint: String { "openai-speech:\(model)" }
}

/// A client of `POST /v1/audio/speech`: text, a voice name and a speed in, a WAV file out.
/// Failures are ``VoiceFailure``s, and a circuit breaker stops calling a server that keeps failing.
public struct OpenAICompatibleSpeech: Sendable {
    public let settings: SpeechServerSettings
    let client: HTTPClient
    let breaker: CircuitBreaker

    /// Largest clip read (a tour stop is a few MB of WAV at most).
    static let maxResponseBytes = 64 << 20

    public init(settings: SpeechServerSettings, client: HTTPClient = .shared) {
        self.settings = settings
        self.client = client
        breaker = CircuitBreaker(threshold: settings.failuresBeforeOpening, cooldown: settings.cooldownSeconds)
    }

    /// The WAV the server speaks `text` as, in `voice` at `speed` (0.25–4).
    public func speak(_ text: String, voice: String, speed: Double) async throws -> Data {
        guard breaker.allowsCall() else { throw VoiceFailure.circuitOpen }
        do {
            let data = try await request(text, voice: voice, speed: speed)
            breaker.recordSuccess()
            return data
        } catch {
            let failure = error as? VoiceFailure ?? .unreachable(String(describing: error).prefix(120).description)
            if failure.isBackendFailure { breaker.recordFailure() }
            throw failure
        }
    }

    private func request(_ text: String, voice: String, speed: Double) async throws -> Data {
        let body: [String: Any] = ["model": settings.model, "input": text, "voice": voice, "speed": min(4, max(0.25, speed)), "response_format": "wav"]
        let request = BackendRequest.post(
            settings.url.trimmingSuffix("/") + "/v1/audio/speech", body: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]),
            apiKey: settings.apiKey, accept: "audio/wav")
        return try await BackendRequest.send(request, client: client, timeoutSeconds: settings.timeoutSeconds, maxBytes: Self.maxResponseBytes)
    }
}
