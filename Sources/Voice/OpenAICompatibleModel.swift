import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// A ``ChatModel`` behind an OpenAI-compatible `/v1/chat/completions` endpoint, asked for
/// structured output (`response_format` with a JSON schema whose string carries `maxLength`),
/// so a reply either parses as `{"text": …}` or is a ``VoiceFailure/invalidReply(_:)``.
public struct OpenAICompatibleModel: ChatModel {
    public let settings: LanguageModelSettings
    let client: HTTPClient

    /// Largest reply body read; a backend sending more is broken.
    static let maxResponseBytes = 1 << 20

    public init(settings: LanguageModelSettings, client: HTTPClient = .shared) {
        self.settings = settings
        self.client = client
    }

    public func reply(to messages: [ChatMessage], maxLength: Int) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: requestBody(messages, maxLength: maxLength), options: [.sortedKeys])
        let request = BackendRequest.post(settings.url.trimmingSuffix("/") + "/v1/chat/completions", body: body, apiKey: settings.apiKey, accept: "application/json")
        let data = try await BackendRequest.send(request, client: client, timeoutSeconds: settings.timeoutSeconds, maxBytes: Self.maxResponseBytes)
        return try Self.text(fromCompletion: data, maxLength: maxLength)
    }

    func requestBody(_ messages: [ChatMessage], maxLength: Int) -> [String: Any] {
        [
            "model": settings.model,
            "messages": messages.map { ["role": $0.role.rawValue, "content": $0.content] },
            "max_tokens": settings.maxTokens,
            "temperature": settings.temperature,
            "seed": settings.seed,
            "stream": false,
            "response_format": [
                "type": "json_schema",
                "json_schema": [
                    "name": "scenewright_reply",
                    "strict": true,
                    "schema": [
                        "type": "object",
                        "properties": ["text": ["type": "string", "minLength": 1, "maxLength": maxLength]],
                        "required": ["text"],
                        "additionalProperties": false,
                    ] as [String: Any],
                ] as [String: Any],
            ] as [String: Any],
        ]
    }

    /// The `text` of the JSON object in the first choice's message.
    static func text(fromCompletion data: Data, maxLength: Int) throws -> String {
        guard let completion = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw VoiceFailure.invalidReply("the completion is not JSON")
        }
        guard let choices = completion["choices"] as? [[String: Any]], let message = choices.first?["message"] as? [String: Any],
            let content = message["content"] as? String
        else { throw VoiceFailure.invalidReply("no choices[0].message.content") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any], let text = object["text"] as? String else {
            throw VoiceFailure.invalidReply("the message is not {\"text\": …}")
        }
        return text
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var copy = self
        while copy.hasSuffix(suffix) { copy.removeLast(suffix.count) }
        return copy
    }
}
