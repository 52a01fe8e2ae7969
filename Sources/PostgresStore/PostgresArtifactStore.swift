import Foundation
import PostgresNIO
import Store

/// Recipes and artifacts in PostgreSQL (`recipes`, `artifacts`). An evicted artifact keeps its
/// row with a NULL payload; autovacuum returns the space to the table for the next payloads.
struct PostgresArtifactStore: ArtifactStore {
    let db: PoolExecutor

    static func artifact(_ row: PostgresRandomAccessRow) throws -> Artifact {
        var artifact = Artifact(
            id: try row.get("id"), recipeId: try row.get("recipe_id"), kind: try row.get("kind"), contentType: try row.get("content_type"),
            bytes: try row.get("bytes", as: Data?.self), createdAt: try row.date("created_at"), userId: try row.get("user_id"),
            durable: try row.get("durable"))
        artifact.size = try row.get("size")
        return artifact
    }

    func artifact(id: String) async throws -> Artifact? {
        try await db.rows("SELECT * FROM artifacts WHERE id = \(id)").first.map(Self.artifact)
    }

    func recipe(id: String) async throws -> StoredRecipe? {
        try await db.rows("SELECT * FROM recipes WHERE id = \(id)").first.map {
            StoredRecipe(id: try $0.get("id"), kind: try $0.get("kind"), inputs: try $0.get("inputs"), userId: try $0.get("user_id"), createdAt: try $0.date("created_at"))
        }
    }

    func put(_ recipe: StoredRecipe, artifacts: [Artifact]) async throws -> ArtifactPutOutcome {
        try await db.transaction { tx in
            // Holding the user row shared makes a concurrent erase wait for this write, then delete it too.
            if let user = recipe.userId, try await tx.rows("SELECT id FROM users WHERE id = \(user) FOR SHARE").isEmpty { return .ownerMissing }
            try await tx.execute("""
                INSERT INTO recipes (id, kind, inputs, user_id, created_at)
                VALUES (\(recipe.id), \(recipe.kind), \(recipe.inputs), \(recipe.userId), \(recipe.createdAt.timeIntervalSince1970))
                ON CONFLICT (id) DO NOTHING
                """)
            var written = 0
            for artifact in artifacts {
                guard let bytes = artifact.bytes else { continue }
                let now = artifact.createdAt.timeIntervalSince1970
                let stored = try await tx.rows("""
                    INSERT INTO artifacts (id, recipe_id, kind, content_type, bytes, size, created_at, last_used_at, user_id, durable)
                    VALUES (\(artifact.id), \(recipe.id), \(artifact.kind), \(artifact.contentType), \(bytes), \(bytes.count), \(now), \(now),
                            \(recipe.userId), \(artifact.durable))
                    ON CONFLICT (id) DO UPDATE SET bytes = excluded.bytes, size = excluded.size, last_used_at = excluded.last_used_at
                    WHERE artifacts.bytes IS NULL
                    RETURNING id
                    """)
                if !stored.isEmpty { written += bytes.count }
            }
            return .stored(newBytes: written)
        }
    }

    func touch(ids: [String], at date: Date) async throws {
        guard !ids.isEmpty else { return }
        let seconds = date.timeIntervalSince1970
        try await db.execute("UPDATE artifacts SET last_used_at = \(seconds) WHERE id = ANY(\(ids)) AND last_used_at < \(seconds)")
    }

    func evict(_ scope: EvictionScope, downTo bytes: Int) async throws -> EvictionReport {
        let report = try await evictPayloads(scope, downTo: bytes)
        // An evicted payload leaves dead TOAST rows until a vacuum: make their space reusable now,
        // so a flood of new artifacts refills it instead of growing the database (best effort;
        // autovacuum catches up otherwise).
        if report.artifacts > 0 { try? await db.execute("VACUUM (SKIP_LOCKED) artifacts") }
        return report
    }

    private func evictPayloads(_ scope: EvictionScope, downTo bytes: Int) async throws -> EvictionReport {
        try await db.transaction { tx in
            let user: String? = if case .user(let id) = scope { id } else { nil }
            // `user_id IS NOT DISTINCT FROM $1` selects public artifacts for NULL and one user's otherwise.
            let present = try await tx.scalar(
                "SELECT COALESCE(SUM(size), 0)::bigint FROM artifacts WHERE user_id IS NOT DISTINCT FROM \(user) AND bytes IS NOT NULL", as: Int.self) ?? 0
            guard present > bytes else { return EvictionReport(artifacts: 0, bytes: 0) }
            let excess = present - bytes
            // The running total picks the least recently used rows until the excess is covered.
            let victims = try await tx.rows("""
                WITH candidates AS (
                    SELECT id, size, SUM(size) OVER (ORDER BY last_used_at, id COLLATE "C") - size AS before
                    FROM artifacts WHERE user_id IS NOT DISTINCT FROM \(user) AND bytes IS NOT NULL AND NOT durable)
                UPDATE artifacts SET bytes = NULL FROM candidates
                WHERE artifacts.id = candidates.id AND candidates.before < \(excess)
                RETURNING candidates.size
                """)
            return EvictionReport(artifacts: victims.count, bytes: try victims.reduce(0) { $0 + (try $1.get("size", as: Int.self)) })
        }
    }

    func usage() async throws -> ArtifactUsage {
        let row = try await db.rows("""
            SELECT COALESCE(SUM(CASE WHEN bytes IS NOT NULL AND user_id IS NULL THEN size ELSE 0 END), 0)::bigint AS public,
                   COALESCE(SUM(CASE WHEN bytes IS NOT NULL AND user_id IS NOT NULL THEN size ELSE 0 END), 0)::bigint AS personal,
                   COUNT(*) AS artifacts, COALESCE(SUM(CASE WHEN bytes IS NULL THEN 1 ELSE 0 END), 0)::bigint AS evicted,
                   (SELECT COUNT(*) FROM recipes) AS recipes
            FROM artifacts
            """)[0]
        return ArtifactUsage(
            publicBytes: try row.get("public"), personalBytes: try row.get("personal"), artifacts: try row.get("artifacts"),
            evicted: try row.get("evicted"), recipes: try row.get("recipes"))
    }

    func personalBytes(userId: String) async throws -> Int {
        try await db.scalar("SELECT COALESCE(SUM(size), 0)::bigint FROM artifacts WHERE user_id = \(userId) AND bytes IS NOT NULL", as: Int.self) ?? 0
    }

    func count(kind: String?) async throws -> Int {
        if let kind { return try await db.scalar("SELECT COUNT(*) FROM artifacts WHERE kind = \(kind)", as: Int.self) ?? 0 }
        return try await db.scalar("SELECT COUNT(*) FROM artifacts", as: Int.self) ?? 0
    }

    func owned(by userId: String) async throws -> [ArtifactListing] {
        try await db.rows("SELECT id, kind, created_at FROM artifacts WHERE user_id = \(userId) ORDER BY created_at, id COLLATE \"C\"").map {
            ArtifactListing(id: try $0.get("id"), kind: try $0.get("kind"), createdAt: try $0.date("created_at"))
        }
    }
}
