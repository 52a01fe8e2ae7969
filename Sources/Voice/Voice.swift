import Catalog
import Foundation
import Logging
import Metrics

/// The optional language-model layer: restyles grounded drafts and voices characters in chat,
/// and serves the draft whenever the model is missing, failing, slow, or says something the
/// facts do not support. It never throws: the worst case is the draft.
public final class Voice: Sendable {
    /// Nil when no model is configured (every call serves the draft at once).
    public let settings: LanguageModelSettings?
    let model: (any ChatModel)?
    let breaker: CircuitBreaker
    let logger: Logger
    /// Upper bound on a restyled text, sent as the schema's `maxLength`.
    public static let maxTextLength = 600

    /// A voice that always serves drafts.
    public static let off = Voice(settings: nil, model: nil)

    public init(settings: LanguageModelSettings?, model: (any ChatModel)?, logger: Logger = Logger(label: "scenewright.voice")) {
        self.settings = settings
        self.model = model
        self.breaker = CircuitBreaker(threshold: settings?.failuresBeforeOpening ?? 3, cooldown: settings?.cooldownSeconds ?? 30)
        self.logger = logger
    }

    /// A voice talking to the OpenAI-compatible endpoint in `settings`.
    public convenience init(settings: LanguageModelSettings, logger: Logger = Logger(label: "scenewright.voice")) {
        self.init(settings: settings, model: OpenAICompatibleModel(settings: settings), logger: logger)
    }

    public var isConfigured: Bool { model != nil }

    /// The model's version of `draft` if it passes ``VoiceCheck``, else the draft and why.
    public func restyle(_ draft: Draft) async -> VoicedText {
        await voiced(
            kind: "restyle", draft: draft.text, facts: draft.facts, audience: draft.audience, notLongerThanDraft: draft.notLongerThanDraft,
            messages: draft.messages(maxLength: Self.maxTextLength))
    }

    /// Asks the model with `messages`; accepts its text only if it is grounded in `facts` (or
    /// the draft), within bounds and suitable for `audience`.
    func voiced(kind: String, draft: String, facts: [String], audience: Audience, notLongerThanDraft: Bool = false, messages: [ChatMessage]) async -> VoicedText {
        let fingerprint = settings?.fingerprint
        guard let model else { return record(kind, fallback(draft, .notConfigured, model: nil)) }
        guard breaker.allowsCall() else { return record(kind, fallback(draft, .circuitOpen, model: fingerprint)) }
        let start = ContinuousClock.now
        do {
            let text = try await model.reply(to: messages, maxLength: Self.maxTextLength)
            let elapsed = Self.milliseconds(ContinuousClock.now - start)
            breaker.recordSuccess()
            Timer(label: "scenewright_voice_model_seconds", dimensions: [("kind", kind)]).recordNanoseconds(Int64(elapsed * 1_000_000))
            if let problem = VoiceCheck(maxLength: Self.maxTextLength).problem(
                text: text, draft: draft, facts: facts, audience: audience, notLongerThanDraft: notLongerThanDraft)
            {
                var result = fallback(draft, .rejected(problem), model: fingerprint)
                result.rejectedText = String(text.prefix(Self.maxTextLength * 2))
                result.modelMilliseconds = elapsed
                return record(kind, result)
            }
            let accepted = VoicedText(
                text: text.trimmingCharacters(in: .whitespacesAndNewlines), source: .model, fallbackReason: nil, rejectedText: nil,
                modelMilliseconds: elapsed, model: fingerprint)
            return record(kind, accepted)
        } catch {
            let failure = error as? VoiceFailure ?? .unreachable(String(describing: error).prefix(120).description)
            if failure.isBackendFailure { breaker.recordFailure() }
            var result = fallback(draft, failure, model: fingerprint)
            result.modelMilliseconds = Self.milliseconds(ContinuousClock.now - start)
            logger.warning("language model fell back", metadata: ["kind": "\(kind)", "reason": "\(failure.metricLabel)"])
            return record(kind, result)
        }
    }

    func fallback(_ draft: String, _ failure: VoiceFailure, model: String?) -> VoicedText {
        Counter(label: "scenewright_voice_fallbacks_total", dimensions: [("reason", failure.metricLabel)]).increment()
        return VoicedText(text: draft, source: .draft, fallbackReason: failure.reason, rejectedText: nil, modelMilliseconds: nil, model: model)
    }

    func record(_ kind: String, _ result: VoicedText) -> VoicedText {
        Counter(label: "scenewright_voice_total", dimensions: [("kind", kind), ("source", result.source.rawValue)]).increment()
        return result
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
