import Foundation
import PostgresNIO
import Store

/// Museum plans in PostgreSQL (`museums`).
struct PostgresMuseumStore: MuseumStore {
    let db: PoolExecutor

    func museum(id: String) async throws -> StoredMuseum? {
        try await db.rows("SELECT id, name, plan, source FROM museums WHERE id = \(id)").first.map {
            StoredMuseum(id: try $0.get("id"), name: try $0.get("name"), plan: try $0.get("plan"), source: try $0.get("source"))
        }
    }

    func all() async throws -> [(id: String, name: String)] {
        try await db.rows("SELECT id, name FROM museums ORDER BY id COLLATE \"C\"").map { (id: try $0.get("id"), name: try $0.get("name")) }
    }

    func put(_ museum: StoredMuseum, now: Date) async throws -> Bool {
        let inserted = try await db.rows("""
            INSERT INTO museums (id, name, plan, source, created_at) VALUES (\(museum.id), \(museum.name), \(museum.plan), \(museum.source), \(now.timeIntervalSince1970))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """)
        if !inserted.isEmpty { return true }
        guard let existing = try await db.scalar("SELECT plan FROM museums WHERE id = \(museum.id)", as: Data.self), existing == museum.plan else {
            throw StoreError(.conflict, "a different museum with id '\(museum.id)' exists")
        }
        return false
    }
}

/// Tours and their versions in PostgreSQL (`tours`). Two writers adding the same version meet
/// at the primary key (id, version): one commits, the other gets a conflict.
struct PostgresTourStore: TourStore {
    let db: PoolExecutor

    private static func tour(_ row: PostgresRandomAccessRow) throws -> StoredTour {
        StoredTour(
            id: try row.get("id"), version: try row.get("version"), museumId: try row.get("museum_id"), userId: try row.get("user_id"),
            origin: try row.get("origin"), body: try row.get("body"), createdAt: try row.date("created_at"))
    }

    func tour(id: String, version: Int?) async throws -> StoredTour? {
        if let version { return try await db.rows("SELECT * FROM tours WHERE id = \(id) AND version = \(version)").first.map(Self.tour) }
        return try await db.rows("SELECT * FROM tours WHERE id = \(id) ORDER BY version DESC LIMIT 1").first.map(Self.tour)
    }

    func versions(id: String) async throws -> [StoredTour] {
        try await db.rows("SELECT * FROM tours WHERE id = \(id) ORDER BY version").map(Self.tour)
    }

    func add(_ tour: StoredTour) async throws {
        try await db.transaction { tx in
            if let user = tour.userId, try await tx.rows("SELECT id FROM users WHERE id = \(user) FOR SHARE").isEmpty {
                throw StoreError(.notFound, "no user with id '\(user)'")
            }
            let latest = try await tx.scalar("SELECT MAX(version) FROM tours WHERE id = \(tour.id)", as: Int.self) ?? 0
            guard tour.version == latest + 1 else {
                throw StoreError(.conflict, "tour \(tour.id) is at version \(latest); cannot add version \(tour.version)")
            }
            do {
                try await tx.execute("""
                    INSERT INTO tours (id, version, museum_id, user_id, origin, body, created_at)
                    VALUES (\(tour.id), \(tour.version), \(tour.museumId), \(tour.userId), \(tour.origin), \(tour.body), \(tour.createdAt.timeIntervalSince1970))
                    """)
            } catch let error as StoreError where error.code == .conflict {
                throw StoreError(.conflict, "tour \(tour.id) already has a version \(tour.version): another edit was saved first")
            }
        }
    }

    func tours(userId: String) async throws -> [StoredTour] {
        try await db.rows("SELECT * FROM tours WHERE user_id = \(userId) ORDER BY created_at, id COLLATE \"C\", version").map(Self.tour)
    }
}

/// API keys in PostgreSQL (`api_keys`).
struct PostgresAPIKeyStore: APIKeyStore {
    let db: PoolExecutor

    private static func key(_ row: PostgresRandomAccessRow) throws -> StoredAPIKey {
        StoredAPIKey(
            id: try row.get("id"), name: try row.get("name"), scope: try row.get("scope"), secretHash: try row.get("key_hash"),
            createdAt: try row.date("created_at"), revokedAt: try row.get("revoked_at", as: Double?.self).map { Date(timeIntervalSince1970: $0) })
    }

    func insert(_ key: StoredAPIKey) async throws {
        try await db.execute("""
            INSERT INTO api_keys (id, name, scope, key_hash, created_at) VALUES (\(key.id), \(key.name), \(key.scope), \(key.secretHash), \(key.createdAt.timeIntervalSince1970))
            """)
    }

    func key(id: String) async throws -> StoredAPIKey? { try await db.rows("SELECT * FROM api_keys WHERE id = \(id)").first.map(Self.key) }

    func all() async throws -> [StoredAPIKey] { try await db.rows("SELECT * FROM api_keys ORDER BY created_at, id COLLATE \"C\"").map(Self.key) }

    func revoke(id: String, now: Date) async throws -> Bool {
        !(try await db.rows("UPDATE api_keys SET revoked_at = \(now.timeIntervalSince1970) WHERE id = \(id) AND revoked_at IS NULL RETURNING id")).isEmpty
    }
}

/// Store-wide settings in PostgreSQL (`meta`).
struct PostgresMetaStore: MetaStore {
    let db: PoolExecutor

    func value(_ key: String) async throws -> String? { try await db.scalar("SELECT value FROM meta WHERE key = \(key)", as: String.self) }

    func set(_ key: String, _ value: String) async throws {
        try await db.execute("INSERT INTO meta (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    }
}

/// Published models in PostgreSQL (`models`). Publishing locks the erasure-epoch row, so an
/// erase and a publication are ordered: a model fitted before an erase can never follow it.
struct PostgresModelStore: ModelStore {
    let db: PoolExecutor

    func latest() async throws -> StoredModel? {
        try await db.rows("SELECT * FROM models ORDER BY version DESC LIMIT 1").first.map {
            StoredModel(
                version: try $0.get("version"), algorithm: try $0.get("algorithm"), fittedAt: try $0.date("fitted_at"),
                eventCount: try $0.get("event_count"), erasureEpoch: try $0.get("erasure_epoch"), fitSeconds: try $0.get("fit_seconds"),
                payload: try $0.get("payload"))
        }
    }

    func latestVersion() async throws -> Int? { try await db.scalar("SELECT MAX(version) FROM models", as: Int.self) }

    func latestEventCount() async throws -> Int? {
        try await db.scalar("SELECT event_count FROM models ORDER BY version DESC LIMIT 1", as: Int.self)
    }

    func erasureEpoch() async throws -> Int {
        Int(try await db.scalar("SELECT value FROM meta WHERE key = 'erasure_epoch'", as: String.self) ?? "0") ?? 0
    }

    func publish(_ model: StoredModel) async throws {
        try await db.transaction { tx in
            let epoch = Int(try await tx.scalar("SELECT value FROM meta WHERE key = 'erasure_epoch' FOR UPDATE", as: String.self) ?? "0") ?? 0
            guard model.erasureEpoch == epoch else {
                throw StoreError(.conflict, "a user was erased after this model read its events (epoch \(model.erasureEpoch), now \(epoch))")
            }
            let latest = try await tx.scalar("SELECT MAX(version) FROM models", as: Int.self) ?? 0
            guard model.version == latest + 1 else { throw StoreError(.conflict, "model version \(latest) is published; cannot publish \(model.version)") }
            try await tx.execute("""
                INSERT INTO models (version, algorithm, fitted_at, event_count, erasure_epoch, fit_seconds, payload)
                VALUES (\(model.version), \(model.algorithm), \(model.fittedAt.timeIntervalSince1970), \(model.eventCount), \(model.erasureEpoch),
                        \(model.fitSeconds), \(model.payload))
                """)
            try await tx.execute("DELETE FROM models WHERE version < \(model.version)")
        }
    }
}
