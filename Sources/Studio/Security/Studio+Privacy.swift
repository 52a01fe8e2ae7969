import Catalog
import Foundation
import Logging
import Store

/// Everything Scenewright stores about a user, for `GET /v1/users/{id}/export`.
public struct UserExport: Sendable, Encodable {
    public struct StoredTourVersion: Sendable, Encodable {
        public var id: String
        public var version: Int
        public var museumId: String
        public var origin: String
        public var createdAt: Date
        public var url: String
    }

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

/// What deleting a user removed.
public struct UserDeletion: Sendable, Encodable {
    public var userId: String
    public var events: Int
    public var tourVersions: Int
    public var artifacts: Int
    /// True when the recommender was refitted without the user's feedback.
    public var recommenderRefitted: Bool
}

extension Studio {
    /// Deletes the user's profile, feedback, tours and generated artifacts, then drops them from
    /// the recommender: the fold-in cache at once, the fitted model by a refit before returning.
    /// - Throws: ``StudioError`` `.notFound`.
    public func deleteUser(id: String) async throws -> UserDeletion {
        guard Identifier.isValid(id), let erased = try await store.users.erase(id: id) else { throw StudioError(.notFound, "no user with id '\(id.prefix(80))'") }
        await recommendations.forget(user: id)
        var refitted = false
        if erased.events > 0, await recommendations.currentSnapshot() != nil {
            _ = try await refitRecommender()
            refitted = true
        }
        logger.info("user deleted", metadata: ["user": "\(id)", "events": "\(erased.events)", "artifacts": "\(erased.artifacts)"])
        return UserDeletion(userId: id, events: erased.events, tourVersions: erased.tourVersions, artifacts: erased.artifacts, recommenderRefitted: refitted)
    }

    /// Everything stored about the user.
    public func exportUser(id: String) async throws -> UserExport {
        let profile = try await user(id: id)
        let events = try await store.events.events(userId: id)
        let tours = try await store.tours.tours(userId: id).map {
            UserExport.StoredTourVersion(id: $0.id, version: $0.version, museumId: $0.museumId, origin: $0.origin, createdAt: $0.createdAt, url: "/v1/tours/\($0.id)?version=\($0.version)")
        }
        let artifacts = try await store.artifacts.owned(by: id).map { UserExport.GeneratedArtifact(id: $0.id, kind: $0.kind, createdAt: $0.createdAt) }
        logger.info("user exported", metadata: ["user": "\(id)"])
        return UserExport(exportedAt: Date(), profile: profile, events: events, tours: tours, artifacts: artifacts)
    }
}
