import Catalog
import Foundation
import StorageTestSupport
import Store
import TestSupport
import Testing

/// Runs `body` on a fresh store of `backend`; does nothing (after saying why) when the backend
/// is not available here.
func withStorage(_ backend: StorageBackend, upTo migration: String? = nil, _ body: (any StorageEngine) async throws -> Void) async throws {
    let directory = TemporaryDirectory()
    guard let storage = try await TestStorage.open(backend, in: directory, upTo: migration) else { return }
    do {
        try await body(storage)
    } catch {
        await storage.close()
        throw error
    }
    await storage.close()
}

/// Records shared by the contract tests.
enum Records {
    static func film(_ id: String, _ title: String, year: Int, genres: [Genre], ml: Int? = nil) -> Film {
        Film(
            id: id, title: title, year: year, genres: genres, directors: ["Director \(id)"],
            cast: [CastCredit(person: "Actor \(id)", character: "Hero")], characters: [Character(name: "Hero", description: "The lead.", traits: ["brave"])],
            synopsis: "About \(title).", settings: ["a city", "a field"], keywords: ["k1", "k2"], moods: ["calm"],
            externalIds: ExternalIDs(movieLens100K: ml))
    }

    static let at = Date(timeIntervalSince1970: 1_000)

    static func event(_ user: String, _ film: String, _ key: String, kind: FeedbackKind = .rating, value: Double = 4) -> FeedbackEvent {
        FeedbackEvent(userId: user, filmId: film, kind: kind, value: value, timestamp: at, idempotencyKey: key)
    }

    /// Two films and two users, the smallest world events can point at.
    static func seed(_ storage: any StorageEngine) async throws {
        try await storage.films.upsert([film("f1", "F1", year: 2000, genres: [.drama]), film("f2", "F2", year: 2001, genres: [.comedy])], source: "test")
        try await storage.users.upsert([UserProfile(id: "u1", displayName: "U1"), UserProfile(id: "u2", displayName: "U2", audience: .teen)], now: at)
    }

    static func recipe(_ id: String, user: String? = nil) -> StoredRecipe {
        StoredRecipe(id: id, kind: "scene", inputs: #"{"seed":1}"#, userId: user, createdAt: at)
    }

    static func artifact(_ id: String, recipe: String, bytes: Int, at seconds: Double = 1_000, user: String? = nil, durable: Bool = false) -> Artifact {
        Artifact(
            id: id, recipeId: recipe, kind: "scene.glb", contentType: "model/gltf-binary", bytes: Data(repeating: UInt8(bytes % 251), count: bytes),
            createdAt: Date(timeIntervalSince1970: seconds), userId: user, durable: durable)
    }
}
