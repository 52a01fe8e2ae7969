/// One message of a chat-completions conversation.
public struct ChatMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Codable { case system, user, assistant }
    public var role: Role
    public var content: String

    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }
}

/// A model that answers a conversation with one JSON object `{"text": …}` whose text is at
/// most `maxLength` characters (asked for through structured output).
public protocol ChatModel: Sendable {
    /// The reply's `text`.
    /// - Throws: ``VoiceFailure`` for every way the backend can fail.
    func reply(to messages: [ChatMessage], maxLength: Int) async throws -> String
}

/// Why a model reply was not used. Its `reason` is what artifacts record.
public enum VoiceFailure: Error, Sendable, Hashable {
    case notConfigured
    case circuitOpen
    case timeout
    case unreachable(String)
    case httpStatus(Int)
    case invalidReply(String)
    case rejected(String)

    public var reason: String {
        switch self {
        case .notConfigured: "no language model configured"
        case .circuitOpen: "circuit open: the model failed repeatedly and is being left alone"
        case .timeout: "timeout"
        case .unreachable(let detail): "model unreachable: \(detail)"
        case .httpStatus(let code): "model answered HTTP \(code)"
        case .invalidReply(let detail): "invalid reply: \(detail)"
        case .rejected(let detail): detail
        }
    }

    /// A short, bounded label for metrics.
    public var metricLabel: String {
        switch self {
        case .notConfigured: "not_configured"
        case .circuitOpen: "circuit_open"
        case .timeout: "timeout"
        case .unreachable: "unreachable"
        case .httpStatus: "http_error"
        case .invalidReply: "invalid_reply"
        case .rejected(let detail):
            detail.hasPrefix("ungrounded") ? "ungrounded" : detail.hasPrefix("too long") ? "too_long" : detail.hasPrefix("mature") ? "mature" : "rejected"
        }
    }

    /// Whether the backend itself failed (counts toward opening the circuit), as opposed to a
    /// reply that arrived but was not good enough.
    public var isBackendFailure: Bool {
        switch self {
        case .timeout, .unreachable, .httpStatus, .invalidReply: true
        case .notConfigured, .circuitOpen, .rejected: false
        }
    }
}
