import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// One request to an optional backend (a language model, a speech server) under one deadline
/// for connecting, waiting and reading the body: whichever finishes first, the reply or the
/// clock, wins and the other is cancelled. Every failure is a ``VoiceFailure``.
enum BackendRequest {
    /// A JSON `POST` of `body` to `url`, with a bearer key when given.
    static func post(_ url: String, body: Data, apiKey: String?, accept: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: accept)
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(data: body))
        return request
    }

    /// The body of a 200 answer to `request`, at most `maxBytes`.
    static func send(_ request: HTTPClientRequest, client: HTTPClient, timeoutSeconds timeout: Double, maxBytes: Int) async throws -> Data {
        try await withThrowingTaskGroup(of: Data.self) { group in
            group.addTask {
                let response: HTTPClientResponse
                do {
                    response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000) + 50))
                } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                    throw VoiceFailure.timeout
                } catch is CancellationError {
                    throw VoiceFailure.timeout
                } catch {
                    throw VoiceFailure.unreachable(String(describing: error).prefix(120).description)
                }
                guard response.status.code == 200 else { throw VoiceFailure.httpStatus(Int(response.status.code)) }
                do {
                    return Data(buffer: try await response.body.collect(upTo: maxBytes))
                } catch {
                    throw VoiceFailure.invalidReply("unreadable or oversized body")
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                throw VoiceFailure.timeout
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
