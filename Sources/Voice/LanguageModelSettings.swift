import Foundation

/// Where the optional language model runs and how it is asked: an OpenAI-compatible
/// `/v1/chat/completions` endpoint (llama.cpp's `llama-server`, Ollama, vLLM, a hosted API).
public struct LanguageModelSettings: Sendable, Hashable, Codable {
    /// Base URL, such as `http://127.0.0.1:8081` (the client appends `/v1/chat/completions`).
    public var url: String
    /// The `model` field sent with every request.
    public var model: String
    /// Sent as `Authorization: Bearer …` when set; never logged, never part of a cache key.
    public var apiKey: String?
    /// Longest wait for one reply; past it the draft is served.
    public var timeoutSeconds: Double
    public var maxTokens: Int
    public var temperature: Double
    public var seed: UInt64
    /// Consecutive failures after which the backend is left alone for `cooldownSeconds`.
    public var failuresBeforeOpening: Int
    public var cooldownSeconds: Double

    public init(
        url: String, model: String = "default", apiKey: String? = nil, timeoutSeconds: Double = 10, maxTokens: Int = 256,
        temperature: Double = 0.3, seed: UInt64 = 1, failuresBeforeOpening: Int = 3, cooldownSeconds: Double = 30
    ) {
        self.url = url
        self.model = model
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.seed = seed
        self.failuresBeforeOpening = failuresBeforeOpening
        self.cooldownSeconds = cooldownSeconds
    }

    /// What makes two replies comparable: the model and its sampling settings (not the URL or
    /// key). Part of every cached restyle's id.
    public var fingerprint: String {
        "\(model)|t=\(temperature)|seed=\(seed)|max=\(maxTokens)"
    }

    /// Nil when the settings cannot work, else a message naming the bad value.
    public var problem: String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
            return "--llm-url must be an http(s) URL, such as http://127.0.0.1:8081"
        }
        if model.isEmpty || model.count > 200 { return "--llm-model must be 1–200 characters" }
        if !(0.1...600).contains(timeoutSeconds) { return "--llm-timeout must be between 0.1 and 600 seconds" }
        if !(16...4096).contains(maxTokens) { return "--llm-max-tokens must be between 16 and 4096" }
        if !(0...2).contains(temperature) { return "--llm-temperature must be between 0 and 2" }
        return nil
    }
}
