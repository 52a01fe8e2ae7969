import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Studio

/// Applies the server's settings to every request: checks the API key if one is presented
/// (401 for a wrong or revoked key — the key itself is never logged), enforces the rate limit
/// (429 with `Retry-After`), and, with `requireKeyForReads`, asks for a key on every read except
/// health, the API document and the viewer's files.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let studio: Studio
    let settings: ServerSettings
    let limiter: RateLimiter?

    init(studio: Studio, settings: ServerSettings) {
        self.studio = studio
        self.settings = settings
        limiter = settings.rateLimit.map { RateLimiter(perSecond: $0.perSecond, burst: $0.burst) }
    }

    static let openPaths = ["/healthz", "/openapi.yaml"]
    static let openPrefixes = ["/viewer/", "/vendor/"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.settings = settings
        if let presented = Self.presentedKey(request) {
            switch try await studio.keys.authenticate(presented) {
            case .success(let key): context.apiKey = key
            case .failure(let reason):
                context.logger.notice("rejected api key", metadata: ["reason": "\(reason)"])
                throw Problem.unauthorized(reason == .revoked ? "this API key has been revoked" : "the API key is not valid")
            }
        }
        if let limiter {
            let client = context.apiKey.map { "key:\($0.id)" } ?? "ip:\(context.remoteAddress?.ipAddress ?? "local")"
            if let wait = await limiter.take(client) { throw Problem.tooManyRequests(retryAfter: wait) }
        }
        let path = request.uri.path
        if settings.requireKeyForReads, request.method == .get || request.method == .head,
           !Self.openPaths.contains(path), !Self.openPrefixes.contains(where: path.hasPrefix) {
            try context.require(.read)
        }
        // Generation jobs count against this client's share of the work queue.
        let client = context.apiKey.map { "key:\($0.id)" } ?? "ip:\(context.remoteAddress?.ipAddress ?? "local")"
        return try await WorkQueue.$client.withValue(client) { try await next(request, context) }
    }

    /// `Authorization: Bearer <key>` or `X-API-Key: <key>`.
    static func presentedKey(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            return header
        }
        return request.headers[HTTPField.Name("X-API-Key")!]
    }
}

/// Token buckets per client: each holds up to `burst` tokens and refills at `perSecond`.
actor RateLimiter {
    let perSecond: Double
    let burst: Double
    private var buckets: [String: (tokens: Double, updated: ContinuousClock.Instant)] = [:]
    private let clock = ContinuousClock()

    init(perSecond: Double, burst: Int) {
        self.perSecond = perSecond
        self.burst = Double(burst)
    }

    /// Takes a token; nil when granted, else the whole seconds to wait.
    func take(_ client: String) -> Int? {
        let now = clock.now
        if buckets.count > 50_000 { buckets = buckets.filter { now - $0.value.updated < .seconds(60) } }
        var bucket = buckets[client] ?? (burst, now)
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
        bucket.updated = now
        defer { buckets[client] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
    }
}
