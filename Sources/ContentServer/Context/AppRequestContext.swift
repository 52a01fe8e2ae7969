import Foundation
import Hummingbird
import NIOCore
import Studio

/// The request context for every route: Hummingbird's core storage plus our JSON settings
/// (sorted keys, so responses are byte-stable), the server's settings, the caller's address
/// and the API key the request presented (once the security middleware has checked it).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Set by ``SecurityMiddleware`` for every request.
    public var settings = ServerSettings()
    /// The checked key, when the request carried a valid one.
    public var apiKey: APIKeyInfo?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies larger than this are refused with 413 before decoding.
    public var maxUploadSize: Int { settings.maxBodyBytes }

    /// Throws 401 without a key, 403 with a key whose scope is too small.
    public func require(_ scope: APIScope) throws {
        guard let apiKey else {
            throw Problem.unauthorized("this request needs an API key with scope '\(scope.rawValue)' (Authorization: Bearer <key>)")
        }
        guard apiKey.scope >= scope else {
            throw Problem(.forbidden, type: "forbidden", detail: "key '\(apiKey.id)' has scope '\(apiKey.scope.rawValue)'; this request needs '\(scope.rawValue)'")
        }
    }

    public var responseEncoder: JSONEncoder { JSONCoding.encoder }

    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
}

/// The JSON settings shared by the server: stable key order, ISO 8601 dates, no escaped slashes.
public enum JSONCoding {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Dates are ISO 8601 with or without fractional seconds.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            let plain = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 date such as 2026-11-29T12:00:00Z")
            }
            return date
        }
        return decoder
    }
}

/// Limits every client-chosen size is held to; each has a 4xx when exceeded.
public enum ServerLimits {
    /// Largest request body accepted by default (1 MiB; `serve --max-body-bytes`).
    public static let maxBodyBytes = 1 << 20
}
