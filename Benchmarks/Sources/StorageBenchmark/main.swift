// Event ingestion and recommendation latency at one replica, PostgreSQL against SQLite, in
// the same run on the same machine.
//
//   StorageBenchmark --postgres postgres://postgres@127.0.0.1:5432/postgres [--batches 8000] [--concurrency 8] [--queries 2000]
//
// For each engine: a fresh store seeded with the sample catalog and 200 visitors; then
// `--batches` feedback batches of 5 events each, posted by `--concurrency` concurrent clients
// through Studio (validation, the shared log, the fold-in invalidation and its notice), and
// `--queries` recommendation requests for visitors whose weights are not cached (so each reads
// the log). Prints one JSON line with events/s, the recommendation p50/p99 in ms, and the
// PostgreSQL / SQLite ratios (goal: PostgreSQL ≥ 0.5× SQLite's throughput).
import BenchmarkSupport
import Catalog
import Foundation
import Logging
import PostgresStore
import SQLiteStore
import Store
import Studio

func text(_ name: String) -> String? {
    guard let index = CommandLine.arguments.firstIndex(of: "--" + name), index + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[index + 1]
}

guard let adminURL = text("postgres") else {
    FileHandle.standardError.write(Data("usage: StorageBenchmark --postgres postgres://user@host:port/database (scripts/support/pg-cluster start DIR prints one)\n".utf8))
    exit(2)
}
let batches = argument("batches", 8_000), concurrency = argument("concurrency", 8), queries = argument("queries", 2_000)
let logger: Logger = {
    var logger = Logger(label: "storage-benchmark")
    logger.logLevel = .error
    return logger
}()
let directories = DataDirectories(assets: repositoryRoot.appendingPathComponent("Assets"), scenes: repositoryRoot.appendingPathComponent("Scenes"))
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("storage-benchmark-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

/// A fresh PostgreSQL database on the admin URL's server.
func freshPostgres() async throws -> any StorageEngine {
    var location = try PostgresLocation(url: adminURL)
    let admin = try await PostgresStorageAdmin.createDatabase(location, logger: logger)
    location.database = admin
    return try await PostgresStorage(location, password: ProcessInfo.processInfo.environment["SCENEWRIGHT_DB_PASSWORD"], logger: logger)
}

struct Result: Encodable {
    var engine: String
    var eventsPerSecond: Double
    var recommendationP50ms: Double
    var recommendationP99ms: Double
    var recommendationsPerSecond: Double
}

func measure(_ storage: any StorageEngine) async throws -> Result {
    let studio = try Studio(storage: storage, directories: directories, configuration: StudioConfiguration(recommender: .init(refitAfterEvents: 1_000_000)), logger: logger)
    try await studio.seedIfEmpty()
    let films = try await studio.catalog.searchFilms(FilmQuery(pageSize: 100)).items.map(\.id)
    let users = (0..<200).map { UserProfile(id: "bench-\($0)", displayName: "Bench \($0)") }
    for user in users { _ = try await studio.users.createUser(user) }
    // Ingestion: concurrent clients, each posting batches of five events.
    let ingest = try await timed {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<concurrency {
                group.addTask {
                    for batch in stride(from: client, to: batches, by: concurrency) {
                        let user = users[batch % users.count].id
                        let events = (0..<5).map { i in
                            FeedbackInput(filmId: films[(batch * 5 + i) % films.count], kind: .rating, value: Double(1 + (batch + i) % 5), idempotencyKey: "b\(batch)-\(i)")
                        }
                        _ = try await studio.recommendations.recordEvents(userId: user, events)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    _ = try await studio.recommendations.refit()
    // Recommendations for visitors whose weights are not cached: each request reads the log.
    var latencies: [Double] = []
    let serve = try await timed {
        for query in 0..<queries {
            let user = users[query % users.count].id
            await studio.recommendations.forgetCachedWeights(user: user)
            latencies.append(try await timed { _ = try await studio.recommendations.recommendations(userId: user, k: 10, explain: true) } * 1000)
        }
    }
    latencies.sort()
    await storage.close()
    return Result(
        engine: storage.engineName, eventsPerSecond: Double(batches * 5) / ingest, recommendationP50ms: latencies[latencies.count / 2],
        recommendationP99ms: latencies[latencies.count * 99 / 100], recommendationsPerSecond: Double(queries) / serve)
}

func timed(_ body: () async throws -> Void) async throws -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

let sqlite = try await measure(try SQLiteStorage(path: scratch.appendingPathComponent("bench.sqlite").path))
let postgres = try await measure(try await freshPostgres())
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
struct Report: Encodable {
    var sqlite: Result
    var postgres: Result
    var ingestionRatio: Double
    var recommendationThroughputRatio: Double
    var batches: Int
    var concurrency: Int
    var queries: Int
}
let report = Report(
    sqlite: sqlite, postgres: postgres, ingestionRatio: postgres.eventsPerSecond / sqlite.eventsPerSecond,
    recommendationThroughputRatio: postgres.recommendationsPerSecond / sqlite.recommendationsPerSecond, batches: batches, concurrency: concurrency,
    queries: queries)
print(String(decoding: try encoder.encode(report), as: UTF8.self))
