import Catalog
import Foundation
import Logging
import Recommender
import Store
import Synchronization

/// Fits models, publishes them for every replica and installs what others publish.
///
/// One fitter at a time holds the cluster's refit lock. A model records the erasure epoch its
/// events were read at; the store refuses to publish it once a user with events has been
/// erased since, and no replica installs a model older than the current epoch — so after
/// `DELETE /v1/users/{id}` returns, no model fitted on that user's events is ever installed.
public final class ModelFitter: Sendable {
    let configuration: RecommendationService.Configuration
    let storage: any StorageEngine
    let registry: ModelRegistry
    let work: WorkQueue
    let logger: Logger
    /// Wakes the refit service when a batch made a refit due.
    let requests: AsyncStream<Void>.Continuation
    let requestStream: AsyncStream<Void>
    private let acceptedSinceInstall = Mutex(0)
    private let refusedPublications = Mutex(0)

    /// Models this replica fitted whose publication the store refused (an erase came after
    /// they read their events): a deletion compares it before and after to say whether it
    /// superseded a refit.
    var refusedPublicationCount: Int { refusedPublications.withLock { $0 } }

    init(configuration: RecommendationService.Configuration, storage: any StorageEngine, registry: ModelRegistry, work: WorkQueue, logger: Logger) {
        self.configuration = configuration
        self.storage = storage
        self.registry = registry
        self.work = work
        self.logger = logger
        (requestStream, requests) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// What one refit did.
    public struct Outcome: Sendable {
        /// The installed model (nil when there is nothing to learn from yet).
        public var snapshot: ModelSnapshot?
        /// The version published.
        public var version: Int
        /// True when another replica's refit was running and this one waited for it.
        public var waitedForAnotherRefit: Bool
    }

    /// Asks the refit service to refit soon.
    func requestRefit() { requests.yield() }

    /// Counts events this replica accepted since its last install; true when they just reached
    /// the refit threshold. (A cheap trigger for the request path; the refit service's tick
    /// checks the exact count across replicas.)
    func noteAccepted(_ count: Int) -> Bool {
        let threshold = configuration.refitAfterEvents
        return acceptedSinceInstall.withLock { accepted in
            let before = accepted
            accepted += count
            return before < threshold && accepted >= threshold
        }
    }

    private func installed(_ snapshot: ModelSnapshot?, version: Int) async {
        acceptedSinceInstall.withLock { $0 = 0 }
        await registry.install(snapshot, version: version)
    }

    /// Events recorded since the newest published model was fitted.
    func pendingEvents() async throws -> Int {
        let fitted = try await storage.models.latestEventCount() ?? 0
        return max(0, try await storage.events.count() - fitted)
    }

    /// Fits on every stored event, publishes and installs, holding the refit lock (waiting up
    /// to `wait` for it). Retries when an erase supersedes the fit before it is published; a
    /// retry installs the newest publication instead when it already covers every event since
    /// that erase (the deletion's own refit, which took the lock first, published it).
    /// - Throws: ``StudioError`` `.unavailable` when the lock was not free in time.
    /// - Parameter reuseCurrent: when the newest published model already covers every event,
    ///   install it instead of fitting again (replicas starting together fit once).
    func refit(wait: Duration?, reuseCurrent: Bool = false) async throws -> Outcome {
        let started = ContinuousClock.now
        for attempt in 1...5 {
            let outcome: Outcome?? = try await storage.coordinator.withLock(.refit, wait: wait) { [self] () async throws -> Outcome? in
                let waited = ContinuousClock.now - started > .milliseconds(50)
                if reuseCurrent || attempt > 1, let current = try await currentPublication(waited: waited) { return current }
                return try await fitAndPublish(waited: waited)
            }
            switch outcome {
            case nil: throw StudioError(.unavailable, "another replica is refitting the recommender", retryAfter: 5)
            case .some(.some(let done)): return done
            case .some(.none):
                logger.notice("refit superseded by an erase; fitting again", metadata: ["attempt": "\(attempt)"])
            }
        }
        throw StudioError(.unavailable, "users kept being erased while the recommender was refitting", retryAfter: 5)
    }

    /// Refits when enough new events are pending and no other replica is refitting.
    func refitIfDue() async {
        do {
            guard try await pendingEvents() >= configuration.refitAfterEvents else { return }
            _ = try await refit(wait: nil)
        } catch let error as StudioError where error.code == .unavailable {
            // Another replica holds the lock: it will publish.
        } catch {
            logger.error("background refit failed", metadata: ["error": "\(error)"])
        }
    }

    /// The newest published model, installed, when it was fitted on every stored event since the last erase.
    private func currentPublication(waited: Bool) async throws -> Outcome? {
        guard let latest = try await storage.models.latest(), latest.eventCount == (try await storage.events.count()),
              latest.erasureEpoch == (try await storage.models.erasureEpoch()) else { return nil }
        try await installLatest()
        return Outcome(snapshot: await registry.currentSnapshot(), version: latest.version, waitedForAnotherRefit: waited)
    }

    /// One fit and publication; nil when an erase superseded it (the store refused it).
    private func fitAndPublish(waited: Bool) async throws -> Outcome? {
        let started = ContinuousClock.now
        // The epoch is read before the events: an erase in between makes publication fail.
        let epoch = try await storage.models.erasureEpoch()
        let events = try await storage.events.all()
        let version = (try await storage.models.latestVersion() ?? 0) + 1
        let configuration = self.configuration
        let fitted = try await work.run("refit", admission: .wait) {
            try Self.fit(events: events, configuration: configuration, version: version, epoch: epoch)
        }
        let stored =
            try fitted?.stored()
            ?? StoredModel(version: version, algorithm: "none", fittedAt: Date(), eventCount: events.count, erasureEpoch: epoch, fitSeconds: 0, payload: Data())
        do {
            try await storage.models.publish(stored)
        } catch let error as StoreError where error.code == .conflict {
            logger.notice("model not published", metadata: ["reason": "\(error.message)"])
            refusedPublications.withLock { $0 += 1 }
            return nil
        }
        await installed(fitted, version: version)
        try await storage.coordinator.announce(.modelPublished(version: version))
        StudioMetrics.refitted(since: started)
        if let fitted {
            logger.notice("recommender refitted", metadata: [
                "algorithm": "\(fitted.algorithm)", "version": "\(version)", "events": "\(fitted.eventCount)", "users": "\(fitted.users.count)",
                "films": "\(fitted.films.count)", "seconds": "\(String(format: "%.3f", fitted.fitSeconds))",
            ])
        }
        return Outcome(snapshot: fitted, version: version, waitedForAnotherRefit: waited)
    }

    /// Fits on every stored event and installs the model in this process only, without
    /// publishing it (a command-line query with its own choice of algorithm).
    func fitLocally() async throws -> ModelSnapshot? {
        let epoch = try await storage.models.erasureEpoch()
        let events = try await storage.events.all()
        let configuration = self.configuration
        let version = await registry.latestKnownVersion + 1
        let fitted = try await work.run("refit", admission: .wait) { try Self.fit(events: events, configuration: configuration, version: version, epoch: epoch) }
        await installed(fitted, version: version)
        return fitted
    }

    /// Installs the newest published model when it is newer than the installed one and no
    /// erase has happened since it read its events.
    func installLatest() async throws {
        guard let version = try await storage.models.latestVersion(), version > (await registry.latestKnownVersion) else { return }
        guard let stored = try await storage.models.latest() else { return }
        guard stored.erasureEpoch == (try await storage.models.erasureEpoch()) else { return }
        let snapshot = try await work.run("model.install", admission: .wait) { try ModelSnapshot.restore(stored) }
        await installed(snapshot, version: stored.version)
        logger.notice("recommender installed", metadata: ["version": "\(stored.version)", "algorithm": "\(stored.algorithm)"])
    }

    /// Drops the installed model if it may hold `user`'s events (they were erased).
    func forgetErased(user: String) async throws {
        guard let snapshot = await registry.currentSnapshot() else { return }
        let epoch = try await storage.models.erasureEpoch()
        if snapshot.contains(user: user) || snapshot.erasureEpoch < epoch { await registry.uninstall() }
    }

    /// Fits a model on every user's events. Runs synchronously: call it through the work queue.
    static func fit(events: [FeedbackEvent], configuration: RecommendationService.Configuration, version: Int, epoch: Int) throws -> ModelSnapshot? {
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
            for (film, weight) in weights.sorted(by: { $0.key < $1.key }) { triples.append(Interaction(user: index, item: films.index(of: film)!, value: weight)) }
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
            model: model, algorithm: model.name, films: films, users: users, popularity: matrix.columnCounts().map(Float.init), fittedAt: Date(),
            eventCount: events.count, fitSeconds: seconds, version: version, erasureEpoch: epoch)
    }
}
