import Foundation
import Logging
import PostgresNIO
import Store

/// The PostgreSQL schema: the same migrations as SQLite's, in PostgreSQL's dialect, recorded in
/// `scenewright_migrations`. Migrations run under an advisory lock, so replicas starting
/// together migrate once.
enum PostgresSchema {
    typealias Step = @Sendable (ConnectionExecutor) async throws -> Void

    static let steps: [(id: String, run: Step)] = [
        ("v1-catalog", { try await $0.script(catalog) }),
        ("v2-artifacts-keys-meta", { try await $0.script(artifactsKeysMeta) }),
        ("v3-film-audience", { try await $0.execute("ALTER TABLE films ADD COLUMN audience TEXT CHECK (audience IN ('child', 'teen', 'adult'))") }),
        ("v4-museums-tours", { try await $0.script(museumsTours) }),
        ("v5-artifact-owner", { try await $0.script(["ALTER TABLE artifacts ADD COLUMN user_id TEXT", "CREATE INDEX artifacts_by_user ON artifacts(user_id)"]) }),
        ("v6-recipes-budget", PostgresRecipesMigration.migrate),
    ]

    /// Applies the migrations not yet recorded, up to `last` (all by default), each in its own transaction.
    static func migrate(_ client: PostgresClient, logger: Logger, upTo last: String?) async throws {
        let pool = PoolExecutor(client: client, logger: logger)
        try await pool.execute("SELECT pg_advisory_lock(\(ReplicaLock.migration.key))")
        do {
            try await pool.execute("CREATE TABLE IF NOT EXISTS scenewright_migrations (id TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
            let applied = Set(try await pool.rows("SELECT id FROM scenewright_migrations").map { try $0.get("id", as: String.self) })
            for step in steps {
                if !applied.contains(step.id) {
                    try await pool.transaction { tx in
                        try await step.run(tx)
                        try await tx.execute("INSERT INTO scenewright_migrations (id, applied_at) VALUES (\(step.id), \(Date().timeIntervalSince1970))")
                    }
                    logger.info("migrated", metadata: ["migration": "\(step.id)"])
                }
                if step.id == last { break }
            }
        } catch {
            _ = try? await pool.execute("SELECT pg_advisory_unlock(\(ReplicaLock.migration.key))")
            throw error
        }
        try await pool.execute("SELECT pg_advisory_unlock(\(ReplicaLock.migration.key))")
    }

    static let catalog = [
        """
        CREATE TABLE films (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, search_title TEXT NOT NULL, year BIGINT, runtime_minutes BIGINT, synopsis TEXT,
            settings TEXT NOT NULL DEFAULT '[]', moods TEXT NOT NULL DEFAULT '[]', characters TEXT NOT NULL DEFAULT '[]',
            movielens100k_id BIGINT UNIQUE, movielens_id BIGINT UNIQUE, imdb_id TEXT UNIQUE, tmdb_id BIGINT, source TEXT NOT NULL)
        """,
        "CREATE INDEX films_by_search_title ON films(search_title text_pattern_ops)",
        "CREATE INDEX films_by_year ON films(year)",
        """
        CREATE TABLE film_genres (
            film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE, genre TEXT NOT NULL, position BIGINT NOT NULL, PRIMARY KEY (film_id, genre))
        """,
        "CREATE INDEX film_genres_by_genre ON film_genres(genre, film_id)",
        """
        CREATE TABLE film_keywords (
            film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE, keyword TEXT NOT NULL, position BIGINT NOT NULL, PRIMARY KEY (film_id, keyword))
        """,
        "CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL)",
        """
        CREATE TABLE credits (
            film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE, person_id TEXT NOT NULL REFERENCES people(id),
            role TEXT NOT NULL CHECK (role IN ('director', 'cast')), character TEXT, position BIGINT NOT NULL, PRIMARY KEY (film_id, role, position))
        """,
        "CREATE INDEX credits_by_person ON credits(person_id)",
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY, display_name TEXT NOT NULL, audience TEXT NOT NULL, depth TEXT NOT NULL, language TEXT NOT NULL, pace TEXT NOT NULL,
            accessibility TEXT NOT NULL DEFAULT '[]', liked_genres TEXT NOT NULL DEFAULT '[]', disliked_genres TEXT NOT NULL DEFAULT '[]',
            created_at DOUBLE PRECISION NOT NULL)
        """,
        """
        CREATE TABLE feedback_events (
            id BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE, kind TEXT NOT NULL, value DOUBLE PRECISION NOT NULL,
            occurred_at DOUBLE PRECISION NOT NULL, idempotency_key TEXT NOT NULL, received_at DOUBLE PRECISION NOT NULL,
            UNIQUE (user_id, idempotency_key))
        """,
        "CREATE INDEX feedback_events_by_user ON feedback_events(user_id, occurred_at)",
        "CREATE INDEX feedback_events_by_film ON feedback_events(film_id)",
    ]

    static let artifactsKeysMeta = [
        """
        CREATE TABLE artifacts (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, content_type TEXT NOT NULL, bytes BYTEA NOT NULL, inputs TEXT NOT NULL DEFAULT '{}',
            created_at DOUBLE PRECISION NOT NULL)
        """,
        "CREATE INDEX artifacts_by_kind ON artifacts(kind, created_at)",
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, scope TEXT NOT NULL CHECK (scope IN ('read', 'author', 'admin')), key_hash BYTEA NOT NULL UNIQUE,
            created_at DOUBLE PRECISION NOT NULL, revoked_at DOUBLE PRECISION)
        """,
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]

    static let museumsTours = [
        "CREATE TABLE museums (id TEXT PRIMARY KEY, name TEXT NOT NULL, plan BYTEA NOT NULL, source TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)",
        """
        CREATE TABLE tours (
            id TEXT NOT NULL, version BIGINT NOT NULL CHECK (version >= 1), museum_id TEXT NOT NULL REFERENCES museums(id), user_id TEXT,
            origin TEXT NOT NULL, body BYTEA NOT NULL, created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (id, version))
        """,
        "CREATE INDEX tours_by_user ON tours(user_id)",
    ]
}

extension ConnectionExecutor {
    /// Runs each fixed statement of a migration in order.
    func script(_ statements: [String]) async throws {
        for statement in statements { try await execute(PostgresQuery(unsafeSQL: statement)) }
    }
}
