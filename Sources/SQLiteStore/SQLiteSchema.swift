import Foundation
import GRDB
import Store

/// The SQLite schema, as an ordered list of migrations (the identifiers of
/// ``StorageSchema/migrations``). Never edit a shipped migration: add a new one, so databases
/// created by any earlier version upgrade in place.
enum SQLiteSchema {
    /// Identifiers of every migration, oldest first.
    static let migrationIdentifiers = StorageSchema.migrations

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog", migrate: createCatalog)
        migrator.registerMigration("v2-artifacts-keys-meta", migrate: createArtifactsKeysMeta)
        migrator.registerMigration("v3-film-audience", migrate: addFilmAudience)
        migrator.registerMigration("v4-museums-tours", migrate: createMuseumsTours)
        migrator.registerMigration("v5-artifact-owner", migrate: addArtifactOwner)
        migrator.registerMigration("v6-recipes-budget", migrate: SQLiteRecipesMigration.migrate)
        return migrator
    }

    /// Films, people, credits, genres, keywords, users and feedback events.
    static func createCatalog(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE films (
                id TEXT PRIMARY KEY NOT NULL,
                title TEXT NOT NULL,
                search_title TEXT NOT NULL,
                year INTEGER,
                runtime_minutes INTEGER,
                synopsis TEXT,
                settings TEXT NOT NULL DEFAULT '[]',
                moods TEXT NOT NULL DEFAULT '[]',
                characters TEXT NOT NULL DEFAULT '[]',
                movielens100k_id INTEGER UNIQUE,
                movielens_id INTEGER UNIQUE,
                imdb_id TEXT UNIQUE,
                tmdb_id INTEGER,
                source TEXT NOT NULL
            );
            CREATE INDEX films_by_search_title ON films(search_title);
            CREATE INDEX films_by_year ON films(year);

            CREATE TABLE film_genres (
                film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
                genre TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (film_id, genre)
            );
            CREATE INDEX film_genres_by_genre ON film_genres(genre, film_id);

            CREATE TABLE film_keywords (
                film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
                keyword TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (film_id, keyword)
            );

            CREATE TABLE people (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL
            );

            CREATE TABLE credits (
                film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
                person_id TEXT NOT NULL REFERENCES people(id),
                role TEXT NOT NULL CHECK (role IN ('director', 'cast')),
                character TEXT,
                position INTEGER NOT NULL,
                PRIMARY KEY (film_id, role, position)
            );
            CREATE INDEX credits_by_person ON credits(person_id);

            CREATE TABLE users (
                id TEXT PRIMARY KEY NOT NULL,
                display_name TEXT NOT NULL,
                audience TEXT NOT NULL,
                depth TEXT NOT NULL,
                language TEXT NOT NULL,
                pace TEXT NOT NULL,
                accessibility TEXT NOT NULL DEFAULT '[]',
                liked_genres TEXT NOT NULL DEFAULT '[]',
                disliked_genres TEXT NOT NULL DEFAULT '[]',
                created_at REAL NOT NULL
            );

            CREATE TABLE feedback_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                film_id TEXT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                value REAL NOT NULL,
                occurred_at REAL NOT NULL,
                idempotency_key TEXT NOT NULL,
                received_at REAL NOT NULL,
                UNIQUE (user_id, idempotency_key)
            );
            CREATE INDEX feedback_events_by_user ON feedback_events(user_id, occurred_at);
            CREATE INDEX feedback_events_by_film ON feedback_events(film_id);
            """)
    }

    /// Generated artifacts (content-addressed), API keys (hashed) and store-wide settings.
    static func createArtifactsKeysMeta(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE artifacts (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT NOT NULL,
                content_type TEXT NOT NULL,
                bytes BLOB NOT NULL,
                inputs TEXT NOT NULL DEFAULT '{}',
                created_at REAL NOT NULL
            );
            CREATE INDEX artifacts_by_kind ON artifacts(kind, created_at);

            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                scope TEXT NOT NULL CHECK (scope IN ('read', 'author', 'admin')),
                key_hash BLOB NOT NULL UNIQUE,
                created_at REAL NOT NULL,
                revoked_at REAL
            );

            CREATE TABLE meta (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            """)
    }

    /// The curated youngest audience of a film (NULL when unknown).
    static func addFilmAudience(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE films ADD COLUMN audience TEXT CHECK (audience IN ('child', 'teen', 'adult'))")
    }

    /// Museum plans (validated JSON) and tours, every version of each.
    static func createMuseumsTours(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE museums (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                plan BLOB NOT NULL,
                source TEXT NOT NULL,
                created_at REAL NOT NULL
            );
            CREATE TABLE tours (
                id TEXT NOT NULL,
                version INTEGER NOT NULL CHECK (version >= 1),
                museum_id TEXT NOT NULL REFERENCES museums(id),
                user_id TEXT,
                origin TEXT NOT NULL,
                body BLOB NOT NULL,
                created_at REAL NOT NULL,
                PRIMARY KEY (id, version)
            );
            CREATE INDEX tours_by_user ON tours(user_id);
            """)
    }

    /// Artifacts generated for a user (a personal scene, dialogue or map) record whose they are,
    /// so deleting the user deletes them.
    static func addArtifactOwner(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE artifacts ADD COLUMN user_id TEXT;
            CREATE INDEX artifacts_by_user ON artifacts(user_id);
            """)
    }
}
