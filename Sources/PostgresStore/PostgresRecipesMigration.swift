import Foundation
import PostgresNIO
import Store

/// Migration v6 in PostgreSQL: recipes, evictable artifact payloads, owners enforced by
/// foreign keys, shared models and the erasure epoch (see `SQLiteRecipesMigration`).
enum PostgresRecipesMigration {
    @Sendable static func migrate(_ tx: ConnectionExecutor) async throws {
        try await tx.script([
            """
            CREATE TABLE recipes (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, inputs TEXT NOT NULL, user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
                created_at DOUBLE PRECISION NOT NULL)
            """,
            "CREATE INDEX recipes_by_user ON recipes(user_id)",
            """
            CREATE TABLE artifacts_v6 (
                id TEXT PRIMARY KEY, recipe_id TEXT NOT NULL REFERENCES recipes(id) ON DELETE CASCADE, kind TEXT NOT NULL,
                content_type TEXT NOT NULL, bytes BYTEA, size BIGINT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                last_used_at DOUBLE PRECISION NOT NULL, user_id TEXT REFERENCES users(id) ON DELETE CASCADE, durable BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            """
            CREATE TABLE models (
                version BIGINT PRIMARY KEY, algorithm TEXT NOT NULL, fitted_at DOUBLE PRECISION NOT NULL, event_count BIGINT NOT NULL,
                erasure_epoch BIGINT NOT NULL, fit_seconds DOUBLE PRECISION NOT NULL, payload BYTEA NOT NULL)
            """,
            "INSERT INTO meta (key, value) VALUES ('erasure_epoch', '0') ON CONFLICT (key) DO NOTHING",
        ])
        let rows = try await tx.rows("SELECT id, kind, inputs, user_id FROM artifacts").map {
            LegacyArtifact(id: try $0.get("id"), kind: try $0.get("kind"), inputs: try $0.get("inputs"), userId: try $0.get("user_id"))
        }
        var tourOwners: [String: String?] = [:]
        for row in try await tx.rows("SELECT DISTINCT id, user_id FROM tours") { tourOwners[try row.get("id")] = try row.get("user_id", as: String?.self) }
        let users = try await tx.rows("SELECT id, display_name, audience, depth, language FROM users").map {
            (id: try $0.get("id", as: String.self), displayName: try $0.get("display_name", as: String.self), audience: try $0.get("audience", as: String.self),
             depth: try $0.get("depth", as: String.self), language: try $0.get("language", as: String.self))
        }
        let filing = LegacyArtifact.file(rows, tourOwners: tourOwners, users: users)
        for row in rows {
            guard case .keep(let owner)? = filing[row.id] else { continue }
            try await tx.execute("""
                INSERT INTO recipes (id, kind, inputs, user_id, created_at)
                SELECT \(row.recipeId), 'legacy', inputs, \(owner), created_at FROM artifacts WHERE id = \(row.id) ON CONFLICT (id) DO NOTHING
                """)
            try await tx.execute("""
                INSERT INTO artifacts_v6 (id, recipe_id, kind, content_type, bytes, size, created_at, last_used_at, user_id, durable)
                SELECT id, \(row.recipeId), kind, content_type, bytes, length(bytes), created_at, created_at, \(owner), kind = 'voice.restyle'
                FROM artifacts WHERE id = \(row.id)
                """)
        }
        try await tx.script([
            "DROP TABLE artifacts",
            "ALTER TABLE artifacts_v6 RENAME TO artifacts",
            "ALTER TABLE artifacts RENAME CONSTRAINT artifacts_v6_pkey TO artifacts_pkey",
            "CREATE INDEX artifacts_by_recipe ON artifacts(recipe_id)",
            "CREATE INDEX artifacts_by_user ON artifacts(user_id, last_used_at)",
            "CREATE INDEX artifacts_by_kind ON artifacts(kind)",
            "CREATE INDEX artifacts_lru ON artifacts(last_used_at, id) WHERE bytes IS NOT NULL AND NOT durable AND user_id IS NULL",
        ])
    }
}
