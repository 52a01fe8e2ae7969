import Foundation
import Hummingbird

/// The request context for every route: Hummingbird's core storage plus our JSON settings
/// (sorted keys, so responses are byte-stable) and the body limit.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Bodies larger than this are refused with 413 before decoding.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes }

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
    /// Largest request body accepted (1 MiB).
    public static let maxBodyBytes = 1 << 20
}
