import Catalog
import Foundation
import Logging
import Recommender
import Store

/// Limits on recommendation requests.
public enum RecommendationLimits {
    public static let maxK = 100
    public static let maxEventsPerBatch = 500
}

/// A feedback event as a client sends it; `timestamp` defaults to now and `value` to 1.
public struct FeedbackInput: Sendable, Decodable {
    public var filmId: String
    public var kind: FeedbackKind
    public var value: Double?
    public var timestamp: Date?
    public var idempotencyKey: String

    public init(filmId: String, kind: FeedbackKind, value: Double? = nil, timestamp: Date? = nil, idempotencyKey: String) {
        self.filmId = filmId
        self.kind = kind
        self.value = value
        self.timestamp = timestamp
        self.idempotencyKey = idempotencyKey
    }
}

/// What recording a batch did.
public struct EventReceipt: Sendable, Encodable {
    public var userId: String
    /// Events stored now.
    public var accepted: Int
    /// Events whose idempotency key was already stored (nothing changed for them).
    public var duplicates: Int
    /// True when this batch started a background refit.
    public var refitStarted: Bool
}

extension Studio {
    /// Records a batch of feedback for a user: all or nothing. Replaying a batch changes nothing.
    /// - Throws: ``StudioError`` `.notFound` for an unknown user; ``CatalogError`` listing every
    ///   invalid event (field paths like `events[2].value`) and every unknown film.
    public func recordEvents(userId: String, _ inputs: [FeedbackInput], now: Date = Date()) async throws -> EventReceipt {
        _ = try await user(id: userId)
        guard !inputs.isEmpty else { throw CatalogError(.invalidValue, "events must not be empty", problems: [ValidationProblem(field: "events", message: "must not be empty")]) }
        guard inputs.count <= RecommendationLimits.maxEventsPerBatch else {
            throw CatalogError(.invalidValue, "at most \(RecommendationLimits.maxEventsPerBatch) events per batch (got \(inputs.count))",
                               problems: [ValidationProblem(field: "events", message: "at most \(RecommendationLimits.maxEventsPerBatch) entries")])
        }
        let events = inputs.map { input in
            FeedbackEvent(userId: userId, filmId: input.filmId, kind: input.kind, value: input.value ?? 1, timestamp: input.timestamp ?? now, idempotencyKey: input.idempotencyKey)
        }
        var problems: [ValidationProblem] = []
        for (index, event) in events.enumerated() {
            problems += event.validationProblems().filter { $0.field != "userId" }.map { ValidationProblem(field: "events[\(index)].\($0.field)", message: $0.message) }
            if inputs[index].value == nil && (event.kind == .rating || event.kind == .dwell) {
                problems.append(ValidationProblem(field: "events[\(index)].value", message: "\(event.kind.rawValue) needs a value"))
            }
        }
        let known = try await store.films.existingIds(events.map(\.filmId).filter(Identifier.isValid))
        for (index, event) in events.enumerated() where Identifier.isValid(event.filmId) && !known.contains(event.filmId) {
            problems.append(ValidationProblem(field: "events[\(index)].filmId", message: "no film with id '\(event.filmId)'"))
        }
        let keys = events.map(\.idempotencyKey)
        for (index, key) in keys.enumerated() where keys.firstIndex(of: key) != index {
            problems.append(ValidationProblem(field: "events[\(index)].idempotencyKey", message: "repeats the key of events[\(keys.firstIndex(of: key)!)]"))
        }
        guard problems.isEmpty else { throw CatalogError.invalid("feedback batch", problems) }

        let accepted = try await store.events.insert(events, receivedAt: now)
        await recommendations.forget(user: userId)
        var refitStarted = false
        if accepted > 0, await recommendations.noteNewEvents(accepted) {
            refitStarted = true
            Task.detached(priority: .utility) { [self] in await self.runClaimedRefit() }
        }
        logger.info("feedback recorded", metadata: ["user": "\(userId)", "accepted": "\(accepted)", "duplicates": "\(events.count - accepted)"])
        return EventReceipt(userId: userId, accepted: accepted, duplicates: events.count - accepted, refitStarted: refitStarted)
    }

    /// Refits the recommender now on every stored event (unless a refit is already running) and
    /// installs the result. Requests keep being served by the previous model meanwhile.
    @discardableResult
    public func refitRecommender() async throws -> ModelSnapshot? {
        guard await recommendations.beginRefit() else { return await recommendations.currentSnapshot() }
        try await fitAndInstall()
        return await recommendations.currentSnapshot()
    }

    /// Runs a refit that `noteNewEvents` already claimed, logging rather than throwing.
    func runClaimedRefit() async {
        do {
            try await fitAndInstall()
        } catch {
            logger.error("background refit failed", metadata: ["error": "\(error)"])
        }
    }

    private func fitAndInstall() async throws {
        let pending = await recommendations.pendingEvents()
        let started = ContinuousClock.now
        do {
            let events = try await store.events.all()
            let configuration = recommendations.configuration
            let version = await recommendations.nextVersion()
            let fitted = try await offloaded { try RecommendationService.fit(events: events, configuration: configuration, version: version) }
            await recommendations.finishRefit(fitted, eventsAtStart: pending)
            if let fitted {
                StudioMetrics.refitted(since: started)
                logger.info("recommender refitted", metadata: [
                    "algorithm": "\(fitted.algorithm)", "version": "\(fitted.version)", "events": "\(fitted.eventCount)",
                    "users": "\(fitted.users.count)", "films": "\(fitted.films.count)", "seconds": "\(String(format: "%.3f", fitted.fitSeconds))",
                ])
            }
        } catch {
            await recommendations.abandonRefit()
            throw error
        }
    }

    /// The catalog index, built from the store on first use.
    func catalogIndex() async throws -> CatalogIndex {
        if let index = await recommendations.currentCatalog() { return index }
        let index = CatalogIndex(films: try await store.films.all())
        await recommendations.install(catalog: index)
        return index
    }

    /// A user's per-film feedback weights, from the cache or the store.
    func feedbackWeights(userId: String) async throws -> [String: Float] {
        if let cached = await recommendations.cachedWeights(user: userId) { return cached }
        let weights = FeedbackWeights.weights(try await store.events.events(userId: userId))
        await recommendations.cache(weights: weights, user: userId)
        return weights
    }

    /// The `k` films to stage for a stored user, reflecting every event they have posted.
    public func recommendations(userId: String, k: Int, explain: Bool) async throws -> RecommendationList {
        let profile = try await user(id: userId)
        return try await recommendations(for: profile, weights: try await feedbackWeights(userId: userId), k: k, explain: explain)
    }

    /// The `k` films for any profile and per-film feedback weights.
    public func recommendations(for profile: UserProfile, weights: [String: Float], k: Int, explain: Bool) async throws -> RecommendationList {
        guard (1...RecommendationLimits.maxK).contains(k) else {
            throw StudioError(.invalidInput, "k must be between 1 and \(RecommendationLimits.maxK)", parameter: "k")
        }
        let scoring = try await self.scoring(for: profile, weights: weights)
        var ranked: [(film: String, score: Float, parts: (Float, Float, Float))] = []
        for film in scoring.catalog.filmIds where weights[film] == nil {
            guard let entry = scoring.catalog.entries[film], !(profile.audience == .child && entry.matureForChildren) else { continue }
            let parts = scoring.parts(film)
            ranked.append((film, parts.0 + parts.1 + parts.2, parts))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.film < $1.film }

        let items = ranked.prefix(k).map { candidate -> Recommendation in
            let entry = scoring.catalog.entries[candidate.film]!
            var explanation: RecommendationExplanation?
            if explain {
                explanation = self.explanation(
                    film: candidate.film, parts: candidate.parts, profile: profile, weights: weights, history: scoring.history,
                    snapshot: scoring.snapshot, catalog: scoring.catalog)
            }
            return Recommendation(filmId: candidate.film, title: entry.title, year: entry.year, score: Double(candidate.score), explanation: explanation)
        }
        let evidence = scoring.history.items.count
        return RecommendationList(
            userId: profile.id, items: items, algorithm: scoring.snapshot?.algorithm, modelVersion: scoring.snapshot?.version, evidence: evidence,
            collaborativeWeight: Double(scoring.collaborativeWeight), coldStart: evidence == 0)
    }

    /// How much the visitor should like each of `films`, 0–1 (the best-scoring film of the
    /// catalog is 1): the same blend recommendations rank by. Films the visitor already
    /// responded to score by that response (liked: 1, disliked: 0).
    public func tasteScores(for profile: UserProfile, weights: [String: Float], films: [String]) async throws -> [String: Double] {
        let scoring = try await self.scoring(for: profile, weights: weights)
        var top: Float = 0
        for film in scoring.catalog.filmIds where weights[film] == nil {
            let parts = scoring.parts(film)
            top = max(top, parts.0 + parts.1 + parts.2)
        }
        var result: [String: Double] = [:]
        for film in films {
            if let weight = weights[film] {
                result[film] = weight > 0 ? 1 : 0
            } else {
                let parts = scoring.parts(film)
                result[film] = top > 0 ? Double(max(0, min(1, (parts.0 + parts.1 + parts.2) / top))) : 0
            }
        }
        return result
    }

    /// The parts every film's score is made of for one visitor: collaborative (folded in from
    /// their positives), content (genres and keywords) and popularity.
    struct Scoring {
        var catalog: CatalogIndex
        var snapshot: ModelSnapshot?
        var history: UserHistory
        var collaborativeWeight: Float
        var collaborative: [String: Float]
        var content: [String: Float]
        var contentTop: Float
        var popularityTop: Float

        func parts(_ film: String) -> (Float, Float, Float) {
            let c = collaborativeWeight * (collaborative[film] ?? 0)
            let m = (1 - collaborativeWeight) * (contentTop > 0 ? (content[film] ?? 0) / contentTop : 0)
            var p: Float = 0
            if let snapshot, popularityTop > 0, let index = snapshot.films.index(of: film) { p = 0.05 * snapshot.popularity[Int(index)] / popularityTop }
            return (c, m, p)
        }
    }

    func scoring(for profile: UserProfile, weights: [String: Float]) async throws -> Scoring {
        let catalog = try await catalogIndex()
        let snapshot = await recommendations.currentSnapshot()

        // Collaborative scores from the user's positives that the model knows (fold-in).
        var collaborative: [String: Float] = [:]
        var history = UserHistory.empty
        if let snapshot {
            var items: [Int32] = []
            var values: [Float] = []
            for (film, weight) in weights where weight > 0 {
                if let index = snapshot.films.index(of: film) { items.append(index); values.append(weight) }
            }
            history = UserHistory(items: items, values: values)
            if !history.isEmpty {
                let scores = snapshot.model.score(history: history, user: snapshot.users.index(of: profile.id).map(Int.init))
                let top = scores.max() ?? 0
                if top > 0 { for (index, score) in scores.enumerated() where score > 0 { collaborative[snapshot.films.id(at: Int32(index))] = score / top } }
            }
        }
        let evidence = history.items.count

        // Content scores from the profile and the films the user responded to.
        let tasteVector = catalog.content.profile(profile, weights: weights)
        var content: [String: Float] = [:]
        var contentTop: Float = 0
        for film in catalog.filmIds {
            let score = catalog.content.score(film: film, profile: tasteVector)
            content[film] = score
            contentTop = max(contentTop, abs(score))
        }
        return Scoring(
            catalog: catalog, snapshot: snapshot, history: history, collaborativeWeight: Float(evidence) / Float(evidence + 3),
            collaborative: collaborative, content: content, contentTop: contentTop, popularityTop: snapshot?.popularity.max() ?? 0)
    }

    private func explanation(
        film: String, parts: (Float, Float, Float), profile: UserProfile, weights: [String: Float], history: UserHistory,
        snapshot: ModelSnapshot?, catalog: CatalogIndex
    ) -> RecommendationExplanation {
        let (collaborative, content, popular) = parts
        let basis = collaborative >= content && collaborative >= popular && collaborative > 0 ? "collaborative"
            : content >= popular && content > 0 ? "content" : "popular"
        var because: [FilmContribution] = []
        var similarUsers: Int?
        var popularity: Int?
        if let snapshot, let index = snapshot.films.index(of: film) {
            popularity = Int(snapshot.popularity[Int(index)])
            if !history.isEmpty {
                switch snapshot.model.explain(history: history, item: Int(index)) {
                case .items(let contributions):
                    because = contributions.map { contribution in
                        let id = snapshot.films.id(at: contribution.item)
                        return FilmContribution(filmId: id, title: catalog.entries[id]?.title ?? id, weight: Double(contribution.weight))
                    }
                case .similarUsers(let count): similarUsers = count
                case .popularity(let count): popularity = count
                case .none: break
                }
            }
        }
        if because.isEmpty && basis != "popular" {
            because = catalog.content.similarFilms(to: film, weights: weights).map {
                FilmContribution(filmId: $0.film, title: catalog.entries[$0.film]?.title ?? $0.film, weight: Double($0.overlap))
            }
        }
        return RecommendationExplanation(
            basis: basis, because: because, similarUsers: similarUsers, likedGenres: catalog.content.likedGenres(film: film, user: profile), popularity: popularity)
    }

    /// Creates a visitor profile.
    /// - Throws: ``CatalogError`` for an invalid profile, `.conflict` when the id is taken.
    public func createUser(_ profile: UserProfile) async throws -> UserProfile {
        let valid = try profile.validated()
        guard try await store.users.insertMissing([valid]) == 1 else {
            throw CatalogError(.conflict, "a user with id '\(valid.id)' already exists")
        }
        return valid
    }
}
