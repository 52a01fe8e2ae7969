import Catalog
import Foundation
import Recommender

/// Owns the current fitted model and swaps in a new one after a background refit, while
/// requests keep reading the old one. Also caches each user's feedback weights (the fold-in
/// input) until they post new events or are deleted.
public actor RecommendationService {
    /// How the service chooses, fits and refreshes its model.
    public struct Configuration: Sendable {
        /// An ``AlgorithmCatalog`` name; `default` is activity-weighted EASE.
        public var algorithm: String
        /// A background refit starts after this many new events.
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
    private var snapshot: ModelSnapshot?
    private var catalog: CatalogIndex?
    private var eventsSinceFit = 0
    private var refitInFlight = false
    private var weightsCache: [String: [String: Float]] = [:]
    /// Completed refits since start.
    public private(set) var refits = 0

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func currentSnapshot() -> ModelSnapshot? { snapshot }

    func currentCatalog() -> CatalogIndex? { catalog }

    func install(catalog: CatalogIndex) { self.catalog = catalog }

    /// Drops the film index, e.g. after an import; it is rebuilt on next use.
    func invalidateCatalog() { catalog = nil }

    func cachedWeights(user: String) -> [String: Float]? { weightsCache[user] }

    func cache(weights: [String: Float], user: String) {
        if weightsCache.count >= configuration.cacheSize { weightsCache.removeAll(keepingCapacity: true) }
        weightsCache[user] = weights
    }

    /// Forgets a user's cached weights (new events, or the user was deleted).
    public func forget(user: String) { weightsCache[user] = nil }

    /// Counts new events; true when a refit should start now (and claims it).
    func noteNewEvents(_ count: Int) -> Bool {
        eventsSinceFit += count
        guard eventsSinceFit >= configuration.refitAfterEvents, !refitInFlight else { return false }
        refitInFlight = true
        return true
    }

    /// Claims the right to refit; false when one is already running.
    func beginRefit() -> Bool {
        guard !refitInFlight else { return false }
        refitInFlight = true
        return true
    }

    /// Installs a freshly fitted model (or records that fitting found nothing to learn from).
    func finishRefit(_ fitted: ModelSnapshot?, eventsAtStart: Int) {
        refitInFlight = false
        if let fitted { snapshot = fitted }
        eventsSinceFit = max(0, eventsSinceFit - eventsAtStart)
        refits += 1
    }

    func abandonRefit() { refitInFlight = false }

    func nextVersion() -> Int { (snapshot?.version ?? 0) + 1 }

    func pendingEvents() -> Int { eventsSinceFit }

    /// Fits a model on every user's events. Runs synchronously: call it off the event loop.
    static func fit(events: [FeedbackEvent], configuration: Configuration, version: Int) throws -> ModelSnapshot? {
        var byUser: [String: [FeedbackEvent]] = [:]
        for event in events { byUser[event.userId, default: []].append(event) }
        var users = IDMap<String>()
        var films = IDMap<String>()
        var triples: [Interaction] = []
        // Sorted ids make the model independent of event order.
        let positives = byUser.keys.sorted().map { user in (user, FeedbackWeights.weights(byUser[user]!).filter { $0.value > 0 }) }
        for filmId in Set(positives.flatMap { $0.1.keys }).sorted() { _ = films.insert(filmId) }
        for (user, weights) in positives where !weights.isEmpty {
            let index = users.insert(user)
            for (film, weight) in weights { triples.append(Interaction(user: index, item: films.index(of: film)!, value: weight)) }
        }
        guard !triples.isEmpty else { return nil }
        let matrix = SparseMatrix(triples, rowCount: users.count, columnCount: films.count)
        var parameters: [String: String] = [:]
        if configuration.algorithm == "default" || configuration.algorithm == "ease" { parameters["maxItems"] = String(configuration.maxItems) }
        guard var model = try AlgorithmCatalog.make(configuration.algorithm, task: .ranking, threads: configuration.threads, parameters: parameters) else {
            throw StudioError(.configuration, "unknown recommender algorithm '\(configuration.algorithm)'")
        }
        let seconds = try Evaluation.measure { try model.fit(matrix) }
        return ModelSnapshot(
            model: model, algorithm: model.name, films: films, users: users, popularity: matrix.columnCounts().map(Float.init),
            fittedAt: Date(), eventCount: events.count, fitSeconds: seconds, version: version)
    }
}
