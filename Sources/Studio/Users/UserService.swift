import Catalog
import Foundation
import Logging
import Store

/// Everything Scenewright stores about a user, for `GET /v1/users/{id}/export`.
public struct UserExport: Sendable, Encodable {
    /// One stored version of a tour planned for the user.
    public struct StoredTourVersion: Sendable, Encodable {
        public var id: String
        public var version: Int
        public var museumId: String
        public var origin: String
        public var createdAt: Date
    }

    /// One artifact generated for the user.
    public struct GeneratedArtifact: Sendable, Encodable {
        public var id: String
        public var kind: String
        public var createdAt: Date
    }

    public var exportedAt: Date
    public var profile: UserProfile
    public var events: [FeedbackEvent]
    public var tours: [StoredTourVersion]
    /// Scenes, dialogues, previews and maps generated for the user.
    public var artifacts: [GeneratedArtifact]
}

/// What deleting a user removed, and what became of the recommender.
public struct UserDeletion: Sendable, Encodable {
    public var userId: String
    public var events: Int
    public var tourVersions: Int
    public var artifacts: Int
    /// True when a model without the user's feedback was fitted and published before the
    /// response; false when they had no feedback, so no model ever held them.
    public var recommenderRefitted: Bool
    /// The model version published without them (when refitted).
    public var modelVersion: Int?
    /// True when a refit already running (which had read their events) was superseded: its
    /// model is never installed, and this deletion's refit ran after it.
    public var supersededRefit: Bool
}

/// Visitors: creating profiles, and the privacy operations — export everything stored about
/// someone, and erase it on every replica.
public final class UserService: Sendable {
    let storage: any StorageEngine
    let recommendations: RecommendationService
    let logger: Logger

    /// Ids no visitor may take.
    public static let reservedIds: Set<String> = ["anonymous"]

    init(storage: any StorageEngine, recommendations: RecommendationService, logger: Logger) {
        self.storage = storage
        self.recommendations = recommendations
        self.logger = logger
    }

    /// Creates a visitor profile.
    /// - Throws: ``StudioError`` `.invalidInput` listing every problem, `.conflict` when the id is taken.
    public func createUser(_ profile: UserProfile) async throws -> UserProfile {
        try await studioErrors {
            let valid = try profile.validated()
            guard !Self.reservedIds.contains(valid.id) else {
                throw StudioError(.invalidInput, "the user id '\(valid.id)' is reserved", problems: [.init(field: "id", message: "is reserved")])
            }
            guard try await storage.users.insertMissing([valid], now: Date()) == 1 else {
                throw StudioError(.conflict, "a user with id '\(valid.id)' already exists")
            }
            return valid
        }
    }

    /// Deletes the user's profile, feedback, tours and generated artifacts on every replica, and
    /// before returning publishes a model fitted without their feedback (superseding any refit
    /// that read it). No replica installs a model holding their events afterwards.
    /// - Throws: ``StudioError`` `.notFound`.
    public func deleteUser(id: String) async throws -> UserDeletion {
        try await studioErrors {
            let refusedBefore = recommendations.fitter.refusedPublicationCount
            guard Identifier.isValid(id), let erased = try await storage.users.erase(id: id) else {
                throw StudioError(.notFound, "no user with id '\(id.prefix(80))'")
            }
            await recommendations.registry.forget(user: id)
            try await recommendations.fitter.forgetErased(user: id)
            try await storage.coordinator.announce(.userErased(userId: id))
            var refit: ModelFitter.Outcome?
            if erased.events > 0 { refit = try await recommendations.fitter.refit(wait: .seconds(600)) }
            logger.info("user deleted", metadata: ["user": "\(id)", "events": "\(erased.events)", "artifacts": "\(erased.artifacts)"])
            return UserDeletion(
                userId: id, events: erased.events, tourVersions: erased.tourVersions, artifacts: erased.artifacts, recommenderRefitted: refit != nil,
                modelVersion: refit?.version,
                supersededRefit: recommendations.fitter.refusedPublicationCount > refusedBefore || (refit?.waitedForAnotherRefit ?? false))
        }
    }

    /// Everything stored about the user.
    /// - Throws: ``StudioError`` `.notFound`.
    public func exportUser(id: String) async throws -> UserExport {
        try await studioErrors {
            guard Identifier.isValid(id), let profile = try await storage.users.user(id: id) else {
                throw StudioError(.notFound, "no user with id '\(id.prefix(80))'")
            }
            let events = try await storage.events.events(userId: id)
            let tours = try await storage.tours.tours(userId: id).map {
                UserExport.StoredTourVersion(id: $0.id, version: $0.version, museumId: $0.museumId, origin: $0.origin, createdAt: $0.createdAt)
            }
            let artifacts = try await storage.artifacts.owned(by: id).map { UserExport.GeneratedArtifact(id: $0.id, kind: $0.kind, createdAt: $0.createdAt) }
            logger.info("user exported", metadata: ["user": "\(id)"])
            return UserExport(exportedAt: Date(), profile: profile, events: events, tours: tours, artifacts: artifacts)
        }
    }
}
