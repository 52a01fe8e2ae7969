import Foundation
import GRDB
import Store

/// Migration v6: recipes (the recorded inputs of every generation), artifact payloads that
/// can be evicted and regenerated, owners enforced by foreign keys, models shared between
/// processes, and the erasure epoch.
enum SQLiteRecipesMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE recipes (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                inputs TEXT NOT NULL,
                user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
                created_at REAL NOT NULL
            );
            CREATE INDEX recipes_by_user ON recipes(user_id);
            CREATE TABLE artifacts_v6 (
                id TEXT PRIMARY KEY NOT NULL,
                recipe_id TEXT NOT NULL REFERENCES recipes(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                content_type TEXT NOT NULL,
                bytes BLOB,
                size INTEGER NOT NULL,
                created_at REAL NOT NULL,
                last_used_at REAL NOT NULL,
                user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
                durable INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE models (
                version INTEGER PRIMARY KEY NOT NULL,
                algorithm TEXT NOT NULL,
                fitted_at REAL NOT NULL,
                event_count INTEGER NOT NULL,
                erasure_epoch INTEGER NOT NULL,
                fit_seconds REAL NOT NULL,
                payload BLOB NOT NULL
            );
            INSERT INTO meta (key, value) VALUES ('erasure_epoch', '0') ON CONFLICT(key) DO NOTHING;
            """)
        let rows = try Row.fetchAll(db, sql: "SELECT id, kind, inputs, user_id FROM artifacts").map {
            LegacyArtifact(id: $0["id"], kind: $0["kind"], inputs: $0["inputs"], userId: $0["user_id"])
        }
        var tourOwners: [String: String?] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT id, user_id FROM tours") { tourOwners[row["id"]] = row["user_id"] as String? }
        let users = try Row.fetchAll(db, sql: "SELECT id, display_name, audience, depth, language FROM users").map {
            (id: $0["id"] as String, displayName: $0["display_name"] as String, audience: $0["audience"] as String, depth: $0["depth"] as String,
             language: $0["language"] as String)
        }
        let filing = LegacyArtifact.file(rows, tourOwners: tourOwners, users: users)
        for row in rows {
            guard case .keep(let owner)? = filing[row.id] else { continue }
            try db.execute(
                sql: """
                    INSERT INTO recipes (id, kind, inputs, user_id, created_at)
                    SELECT ?, 'legacy', inputs, ?, created_at FROM artifacts WHERE id = ? ON CONFLICT(id) DO NOTHING
                    """,
                arguments: [row.recipeId, owner, row.id])
            try db.execute(
                sql: """
                    INSERT INTO artifacts_v6 (id, recipe_id, kind, content_type, bytes, size, created_at, last_used_at, user_id, durable)
                    SELECT id, ?, kind, content_type, bytes, length(bytes), created_at, created_at, ?, kind = 'voice.restyle' FROM artifacts WHERE id = ?
                    """,
                arguments: [row.recipeId, owner, row.id])
        }
        try db.execute(sql: """
            DROP TABLE artifacts;
            ALTER TABLE artifacts_v6 RENAME TO artifacts;
            CREATE INDEX artifacts_by_recipe ON artifacts(recipe_id);
            CREATE INDEX artifacts_by_user ON artifacts(user_id, last_used_at);
            CREATE INDEX artifacts_by_kind ON artifacts(kind);
            CREATE INDEX artifacts_lru ON artifacts(last_used_at, id) WHERE bytes IS NOT NULL AND durable = 0 AND user_id IS NULL;
            """)
    }
}
