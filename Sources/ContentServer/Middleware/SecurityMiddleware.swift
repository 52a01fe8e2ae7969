import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Studio

/// Applies the server's settings to every request, cheapest check first:
///
/// 1. who the client is: the peer address, or `X-Forwarded-For` from a trusted proxy;
/// 2. an address that has presented too many wrong keys gets 429 before any key lookup;
/// 3. the rate limit (429 with `Retry-After`), per presented key id or per address, before the
///    key is looked up, so a flood costs no database work;
/// 4. the API key, if one is presented (401 for a wrong or revoked key, which also counts
///    against the address's wrong-key allowance; the key itself is never logged);
/// 5. with `requireKeyForReads`, a `read` key on everything but health, the API document and
///    the viewer's files.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let studio: Studio
    let settings: ServerSettings
    let limiter: RateLimiter?
    let wrongKeys: RateLimiter?

    init(studio: Studio, settings: ServerSettings) {
        self.studio = studio
        self.settings = settings
        limiter = settings.rateLimit.map { RateLimiter(perSecond: $0.perSecond, burst: $0.burst) }
        wrongKeys = settings.rateLimit == nil ? nil : settings.wrongKeyLimit.map { RateLimiter(perSecond: $0.perSecond, burst: $0.burst) }
    }

    static let openPaths = ["/healthz", "/openapi.yaml"]
    static let openPrefixes = ["/viewer/", "/vendor/"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.settings = settings
        let address = ClientAddress.resolve(
            peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[values: Self.forwardedFor], trustedProxies: settings.trustedProxies)
        let presented = Self.presentedKey(request)
        if presented != nil, let wrongKeys, let wait = await wrongKeys.waitIfEmpty(address) {
            throw Problem.tooManyRequests(retryAfter: wait)
        }
        if let limiter {
            let bucket = presented.flatMap(Self.claimedKeyId).map { "key:\($0)" } ?? "ip:\(address)"
            if let wait = await limiter.take(bucket) { throw Problem.tooManyRequests(retryAfter: wait) }
        }
        if let presented {
            switch try await studio.keys.authenticate(presented) {
            case .success(let key): context.apiKey = key
            case .failure(let reason):
                _ = await wrongKeys?.take(address)
                context.logger.notice("rejected api key", metadata: ["reason": "\(reason)", "client": "\(address)"])
                throw Problem.unauthorized(reason == .revoked ? "this API key has been revoked" : "the API key is not valid")
            }
        }
        let path = request.uri.path
        if settings.requireKeyForReads, request.method != .options, !Self.openPaths.contains(path), !Self.openPrefixes.contains(where: path.hasPrefix) {
            try context.require(.read)
        }
        // Generation jobs count against this client's share of the work queue.
        let client = context.apiKey.map { "key:\($0.id)" } ?? "ip:\(address)"
        return try await WorkQueue.$client.withValue(client) { try await next(request, context) }
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// `Authorization: Bearer <key>` or `X-API-Key: <key>`.
    static func presentedKey(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            return header
        }
        return request.headers[HTTPField.Name("X-API-Key")!]
    }

    /// The public id a key text claims (`sw_<id>_<secret>`), unverified: only a rate-limit bucket name.
    static func claimedKeyId(_ presented: String) -> String? {
        let parts = presented.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sw", (1...32).contains(parts[1].count),
              parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return String(parts[1])
    }
}
