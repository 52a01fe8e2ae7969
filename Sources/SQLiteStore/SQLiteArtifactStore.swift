import Foundation
import GRDB
import Store

/// Recipes and artifacts in SQLite (`recipes`, `artifacts`). An evicted artifact keeps its
/// row with a NULL payload; SQLite reuses the freed pages for the next payloads, so the file
/// stays near the budget.
struct SQLiteArtifactStore: ArtifactStore {
    let pool: SQLitePool

    static func artifact(_ row: Row) -> Artifact {
        var artifact = Artifact(
            id: row["id"], recipeId: row["recipe_id"], kind: row["kind"], contentType: row["content_type"], bytes: row["bytes"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), userId: row["user_id"], durable: row["durable"])
        artifact.size = row["size"]
        return artifact
    }

    func artifact(id: String) async throws -> Artifact? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM artifacts WHERE id = ?", arguments: [id]).map(Self.artifact) }
    }

    func recipe(id: String) async throws -> StoredRecipe? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM recipes WHERE id = ?", arguments: [id]).map {
                StoredRecipe(id: $0["id"], kind: $0["kind"], inputs: $0["inputs"], userId: $0["user_id"], createdAt: Date(timeIntervalSince1970: $0["created_at"]))
            }
        }
    }

    func put(_ recipe: StoredRecipe, artifacts: [Artifact]) async throws -> ArtifactPutOutcome {
        try await pool.write { db in
            if let user = recipe.userId, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users WHERE id = ?", arguments: [user]) != 1 {
                return .ownerMissing
            }
            try db.execute(
                sql: "INSERT INTO recipes (id, kind, inputs, user_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                arguments: [recipe.id, recipe.kind, recipe.inputs, recipe.userId, recipe.createdAt.timeIntervalSince1970])
            var written = 0
            for artifact in artifacts {
                guard let bytes = artifact.bytes else { continue }
                let now = artifact.createdAt.timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT INTO artifacts (id, recipe_id, kind, content_type, bytes, size, created_at, last_used_at, user_id, durable)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET bytes = excluded.bytes, size = excluded.size, last_used_at = excluded.last_used_at
                        WHERE artifacts.bytes IS NULL
                        """,
                    arguments: [artifact.id, recipe.id, artifact.kind, artifact.contentType, bytes, bytes.count, now, now, recipe.userId, artifact.durable])
                if db.changesCount > 0 { written += bytes.count }
            }
            return .stored(newBytes: written)
        }
    }

    func touch(ids: [String], at date: Date) async throws {
        guard !ids.isEmpty else { return }
        try await pool.write { db in
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                try db.execute(
                    sql: "UPDATE artifacts SET last_used_at = ? WHERE id IN (\(placeholders)) AND last_used_at < ?",
                    arguments: StatementArguments([date.timeIntervalSince1970] + chunk + [date.timeIntervalSince1970]))
            }
        }
    }

    func evict(_ scope: EvictionScope, downTo bytes: Int) async throws -> EvictionReport {
        try await pool.write { db in
            let (filter, arguments): (String, StatementArguments) =
                switch scope {
                case .publicArtifacts: ("user_id IS NULL", [])
                case .user(let id): ("user_id = ?", [id])
                }
            let present = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM artifacts WHERE \(filter) AND bytes IS NOT NULL", arguments: arguments) ?? 0
            guard present > bytes else { return EvictionReport(artifacts: 0, bytes: 0) }
            var freed = 0
            var victims: [String] = []
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT id, size FROM artifacts WHERE \(filter) AND bytes IS NOT NULL AND durable = 0 ORDER BY last_used_at, id",
                arguments: arguments)
            while present - freed > bytes, let row = try cursor.next() {
                victims.append(row["id"])
                freed += row["size"] as Int
            }
            for chunk in stride(from: 0, to: victims.count, by: 500).map({ Array(victims[$0..<min($0 + 500, victims.count)]) }) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                try db.execute(sql: "UPDATE artifacts SET bytes = NULL WHERE id IN (\(placeholders))", arguments: StatementArguments(chunk))
            }
            return EvictionReport(artifacts: victims.count, bytes: freed)
        }
    }

    func usage() async throws -> ArtifactUsage {
        try await pool.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(CASE WHEN bytes IS NOT NULL AND user_id IS NULL THEN size ELSE 0 END), 0) AS public,
                           COALESCE(SUM(CASE WHEN bytes IS NOT NULL AND user_id IS NOT NULL THEN size ELSE 0 END), 0) AS personal,
                           COUNT(*) AS artifacts, COALESCE(SUM(CASE WHEN bytes IS NULL THEN 1 ELSE 0 END), 0) AS evicted
                    FROM artifacts
                    """)!
            return ArtifactUsage(
                publicBytes: row["public"], personalBytes: row["personal"], artifacts: row["artifacts"], evicted: row["evicted"],
                recipes: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM recipes") ?? 0)
        }
    }

    func personalBytes(userId: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM artifacts WHERE user_id = ? AND bytes IS NOT NULL", arguments: [userId]) ?? 0
        }
    }

    func count(kind: String?) async throws -> Int {
        try await pool.read { db in
            if let kind { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM artifacts WHERE kind = ?", arguments: [kind]) ?? 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM artifacts") ?? 0
        }
    }

    func owned(by userId: String) async throws -> [ArtifactListing] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, created_at FROM artifacts WHERE user_id = ? ORDER BY created_at, id", arguments: [userId]).map {
                ArtifactListing(id: $0["id"], kind: $0["kind"], createdAt: Date(timeIntervalSince1970: $0["created_at"]))
            }
        }
    }
}
