import Catalog
import Foundation
import Logging
import Recommender
import Store

/// Recommendations and the feedback they learn from: records events in the shared log,
/// serves ranked films for any profile (folding in the visitor's latest events at once), and
/// holds the installed model, which ``ModelFitter`` fits, publishes and installs.
public final class RecommendationService: Sendable {
    /// How the service chooses, fits and refreshes its model.
    public struct Configuration: Sendable {
        /// An ``AlgorithmCatalog`` name; `default` is activity-weighted EASE.
        public var algorithm: String
        /// A background refit starts after this many new events (across every replica).
        public var refitAfterEvents: Int
        /// The largest number of films EASE fits (the most-interacted); others are scored by content.
        public var maxItems: Int
        public var threads: Int
        /// Users whose weights are kept in memory.
        public var cacheSize: Int

        public init(algorithm: String = "default", refitAfterEvents: Int = 200, maxItems: Int = 3_000, threads: Int = 0, cacheSize: Int = 10_000) {
            self.algorithm = algorithm
            self.refitAfterEvents = refitAfterEvents
            self.maxItems = maxItems
            self.threads = threads
            self.cacheSize = cacheSize
        }
    }

    public let configuration: Configuration
    let storage: any StorageEngine
    let registry: ModelRegistry
    let logger: Logger
    /// Fits, publishes and installs models.
    public let fitter: ModelFitter

    init(configuration: Configuration, storage: any StorageEngine, work: WorkQueue, logger: Logger) {
        self.configuration = configuration
        self.storage = storage
        self.logger = logger
        registry = ModelRegistry(cacheSize: configuration.cacheSize)
        fitter = ModelFitter(configuration: configuration, storage: storage, registry: registry, work: work, logger: logger)
    }

    /// The model serving now, if any.
    public func currentSnapshot() async -> ModelSnapshot? { await registry.currentSnapshot() }

    /// Records a batch of feedback for a user: all or nothing. Replaying a batch changes nothing.
    /// - Throws: ``StudioError`` `.notFound` for an unknown user; `.invalidInput` listing every
    ///   invalid event (field paths like `events[2].value`) and every unknown film.
    public func recordEvents(userId: String, _ inputs: [FeedbackInput], now: Date = Date()) async throws -> EventReceipt {
        try await studioErrors {
            guard Identifier.isValid(userId) else { throw StudioError(.notFound, "no user with id '\(userId.prefix(Identifier.maxLength))'") }
            // The happy path is one write: the store refuses unknown users and films, and only
            // then (or for a malformed batch) are they looked up to say exactly what is wrong.
            let events: [FeedbackEvent]
            do { events = try Self.validatedEvents(userId: userId, inputs, now: now, knownFilms: nil) } catch {
                try await explainRefusal(userId: userId, inputs, now: now)
                throw error
            }
            let accepted: Int
            do { accepted = try await storage.events.insert(events, receivedAt: now) } catch let error as StoreError where error.code == .constraint {
                try await explainRefusal(userId: userId, inputs, now: now)
                throw error
            }
            await registry.forget(user: userId)
            var refitDue = false
            if accepted > 0 {
                refitDue = fitter.noteAccepted(accepted)
                if refitDue { fitter.requestRefit() }
            }
            logger.info("feedback recorded", metadata: ["user": "\(userId)", "accepted": "\(accepted)", "duplicates": "\(events.count - accepted)"])
            return EventReceipt(userId: userId, accepted: accepted, duplicates: events.count - accepted, refitStarted: refitDue)
        }
    }

    /// Throws what is wrong with a refused batch: `.notFound` for an unknown user, else
    /// `.invalidInput` listing every problem including unknown films; returns when it finds none.
    private func explainRefusal(userId: String, _ inputs: [FeedbackInput], now: Date) async throws {
        guard try await storage.users.user(id: userId) != nil else {
            throw StudioError(.notFound, "no user with id '\(userId.prefix(Identifier.maxLength))'")
        }
        let known = try await storage.films.existingIds(inputs.map(\.filmId).filter(Identifier.isValid))
        _ = try Self.validatedEvents(userId: userId, inputs, now: now, knownFilms: known)
    }

    /// Fits a model on every stored event now (waiting for a refit running elsewhere), publishes
    /// it to every replica and installs it. Requests keep being served by the previous model meanwhile.
    @discardableResult
    public func refit() async throws -> ModelSnapshot? {
        try await studioErrors { try await fitter.refit(wait: .seconds(300)).snapshot }
    }

    /// Forgets one user's cached weights in this process (benchmarks measure the uncached path).
    public func forgetCachedWeights(user: String) async { await registry.forget(user: user) }

    /// Fits a model for this process alone (not published to other replicas): what a
    /// command-line query with its own algorithm uses.
    @discardableResult
    public func fitLocally() async throws -> ModelSnapshot? { try await studioErrors { try await fitter.fitLocally() } }

    /// The `k` films to stage for a stored user, reflecting every event they have posted.
    /// - Throws: ``StudioError`` `.notFound` for an unknown user, `.invalidInput` for `k` out of range.
    public func recommendations(userId: String, k: Int, explain: Bool) async throws -> RecommendationList {
        try await studioErrors {
            guard Identifier.isValid(userId), let profile = try await storage.users.user(id: userId) else {
                throw StudioError(.notFound, "no user with id '\(userId.prefix(Identifier.maxLength))'")
            }
            return try await recommendations(for: profile, weights: try await feedbackWeights(userId: userId), k: k, explain: explain)
        }
    }

    /// The `k` films for any profile and per-film feedback weights.
    public func recommendations(for profile: UserProfile, weights: [String: Float], k: Int, explain: Bool) async throws -> RecommendationList {
        try await studioErrors {
            guard (1...RecommendationLimits.maxK).contains(k) else {
                throw StudioError(.invalidInput, "k must be between 1 and \(RecommendationLimits.maxK)", parameter: "k")
            }
            let scoring = try await self.scoring(for: profile, weights: weights)
            return scoring.ranked(for: profile, weights: weights, k: k, explain: explain)
        }
    }

    /// How much the visitor should like each of `films`, 0–1 (the best-scoring film of the
    /// catalog is 1): the same blend recommendations rank by. Films the visitor already
    /// responded to score by that response (liked: 1, disliked: 0).
    public func tasteScores(for profile: UserProfile, weights: [String: Float], films: [String]) async throws -> [String: Double] {
        try await studioErrors { try await scoring(for: profile, weights: weights).taste(films: films, weights: weights) }
    }

    /// A user's per-film feedback weights, from this replica's cache or the shared log.
    func feedbackWeights(userId: String) async throws -> [String: Float] {
        if let cached = await registry.cachedWeights(user: userId) { return cached }
        let weights = FeedbackWeights.weights(try await storage.events.events(userId: userId))
        await registry.cache(weights: weights, user: userId)
        return weights
    }

    /// Films changed (an import): rebuild the catalog index here and on every other replica.
    func catalogChanged() async throws {
        await registry.invalidateCatalog()
        try await storage.coordinator.announce(.catalogChanged)
    }

    /// The catalog index, built from the store on first use.
    func catalogIndex() async throws -> CatalogIndex {
        if let index = await registry.currentCatalog() { return index }
        let index = CatalogIndex(films: try await storage.films.all())
        await registry.install(catalog: index)
        return index
    }

    func scoring(for profile: UserProfile, weights: [String: Float]) async throws -> RecommendationScoring {
        RecommendationScoring(profile: profile, weights: weights, catalog: try await catalogIndex(), snapshot: await registry.currentSnapshot())
    }
}
