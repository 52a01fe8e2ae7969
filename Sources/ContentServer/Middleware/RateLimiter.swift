import Foundation

/// Token buckets per client: each holds up to `burst` tokens and refills at `perSecond`.
///
/// Buckets live in two generations: lookups read the current one, then the previous; every
/// `generationLength` (at least the time a bucket takes to refill) the previous generation is
/// dropped whole. A bucket idle that long is full again, so dropping it changes nothing, and
/// forgetting idle clients costs O(1) per request however many addresses a flood uses.
actor RateLimiter {
    typealias Bucket = (tokens: Double, updated: ContinuousClock.Instant)

    let perSecond: Double
    let burst: Double
    let generationLength: Duration
    /// A generation this large is retired early, bounding memory under a flood of addresses.
    let maxClientsPerGeneration: Int
    private var current: [String: Bucket] = [:]
    private var previous: [String: Bucket] = [:]
    private var generationStarted: ContinuousClock.Instant
    private let clock = ContinuousClock()

    init(perSecond: Double, burst: Int, maxClientsPerGeneration: Int = 100_000) {
        self.perSecond = perSecond
        self.burst = Double(burst)
        let refillSeconds = Double(burst) / max(perSecond, 1e-9)
        generationLength = .seconds(max(60, min(refillSeconds * 2, 86_400)))
        self.maxClientsPerGeneration = maxClientsPerGeneration
        generationStarted = clock.now
    }

    /// Takes a token; nil when granted, else the whole seconds to wait.
    func take(_ client: String) -> Int? {
        var bucket = refreshed(client)
        defer { current[client] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return wait(for: bucket)
    }

    /// The seconds to wait when `client` has no token left, without taking one; nil when it has.
    func waitIfEmpty(_ client: String) -> Int? {
        let bucket = refreshed(client)
        current[client] = bucket
        return bucket.tokens >= 1 ? nil : wait(for: bucket)
    }

    /// Clients with a bucket in memory (both generations).
    var trackedClients: Int { current.count + previous.count }

    private func refreshed(_ client: String) -> Bucket {
        let now = clock.now
        if now - generationStarted >= generationLength || current.count >= maxClientsPerGeneration {
            previous = current
            current = [:]
            generationStarted = now
        }
        var bucket = current[client] ?? previous[client] ?? (burst, now)
        let elapsed = now - bucket.updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
        bucket.updated = now
        return bucket
    }

    private func wait(for bucket: Bucket) -> Int { max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))) }
}
