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
        var request = HTTPClientRequest(url: settings.url.trimmingSuffix("/") + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = settings.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(data: body))
        let timeout = settings.timeoutSeconds
        let client = self.client
        let prepared = request
        // The deadline covers connecting, waiting and reading the body: whichever finishes
        // first, the reply or the clock, wins and the other is cancelled.
        let data: Data = try await withThrowingTaskGroup(of: Data.self) { group in
            group.addTask {
                let response: HTTPClientResponse
                do {
                    response = try await client.execute(prepared, timeout: .milliseconds(Int64(timeout * 1000) + 50))
                } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                    throw VoiceFailure.timeout
                } catch is CancellationError {
                    throw VoiceFailure.timeout
                } catch {
                    throw VoiceFailure.unreachable(String(describing: error).prefix(120).description)
                }
                guard response.status.code == 200 else { throw VoiceFailure.httpStatus(Int(response.status.code)) }
                do {
                    return Data(buffer: try await response.body.collect(upTo: Self.maxResponseBytes))
                } catch {
                    throw VoiceFailure.invalidReply("unreadable body")
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                throw VoiceFailure.timeout
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
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
