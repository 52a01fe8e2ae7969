import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Studio
import Testing

/// Hostile and broken requests against every endpoint that writes or looks something up: each
/// gets a 4xx problem+json that says what was wrong, and the database is byte for byte the same
/// afterwards.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let method: HTTPRequest.Method
        let uri: String
        let body: [UInt8]?
        var testDescription: String { label }

        init(_ label: String, _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) {
            self.init(label, method, uri, bytes: body.map { Array($0.utf8) })
        }
        init(_ label: String, _ method: HTTPRequest.Method, _ uri: String, bytes: [UInt8]?) {
            self.label = label
            self.method = method
            self.uri = uri
            self.body = bytes
        }
    }

    static let long = String(repeating: "a", count: 100_000)
    static let invalidUTF8: [UInt8] = Array(#"{"id": "x"#.utf8) + [0xFF, 0xFE, 0xC0, 0xAF] + Array(#"", "displayName": "X"}"#.utf8)
    static let tour = "TOUR"  // replaced by a real tour id once one is planned

    static let cases: [Case] = [
        // Malformed JSON.
        Case("users: truncated JSON", .post, "/v1/users", #"{"id": "zed", "displayName": "#),
        Case("users: not JSON", .post, "/v1/users", "id=zed&displayName=Zed"),
        Case("users: a JSON array", .post, "/v1/users", #"[{"id": "zed"}]"#),
        Case("users: empty body", .post, "/v1/users", ""),
        Case("events: trailing garbage", .post, "/v1/users/ada/events", #"{"events": []} {"#),
        Case("scenes: single quotes", .post, "/v1/scenes", "{'filmId': 'fargo-1996'}"),
        Case("dialogues: NaN", .post, "/v1/dialogues", #"{"filmId": "fargo-1996", "character": "Marge Gunderson", "seed": NaN}"#),
        Case("museums: deeply nested", .post, "/v1/museums", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
        Case("tours: comment in JSON", .post, "/v1/tours", #"{"museumId": "film-history-wing", /* x */ "budgetMinutes": 30}"#),
        // Wrong types.
        Case("users: id a number", .post, "/v1/users", #"{"id": 42, "displayName": "X"}"#),
        Case("users: audience not an enum value", .post, "/v1/users", #"{"id": "zed", "displayName": "Z", "audience": "toddler"}"#),
        Case("events: events an object", .post, "/v1/users/ada/events", #"{"events": {"filmId": "fargo-1996"}}"#),
        Case("events: value a string", .post, "/v1/users/ada/events",
             #"{"events": [{"filmId": "fargo-1996", "kind": "rating", "value": "five", "idempotencyKey": "k1"}]}"#),
        Case("scenes: seed a string", .post, "/v1/scenes", #"{"filmId": "fargo-1996", "seed": "7"}"#),
        Case("tours: budget a string", .post, "/v1/tours", #"{"museumId": "film-history-wing", "budgetMinutes": "thirty"}"#),
        Case("tour edit: stops a string", .put, "/v1/tours/\(tour)", #"{"stops": "all of them"}"#),
        // Unknown fields.
        Case("users: unknown field", .post, "/v1/users", #"{"id": "zed", "displayName": "Z", "isAdmin": true}"#),
        Case("scenes: unknown field", .post, "/v1/scenes", #"{"filmId": "fargo-1996", "roomSize": 999}"#),
        Case("events: unknown field in an event", .post, "/v1/users/ada/events",
             #"{"events": [{"filmId": "fargo-1996", "kind": "view", "idempotencyKey": "k2", "weight": 3}]}"#),
        Case("tours: unknown field", .post, "/v1/tours", #"{"museumId": "film-history-wing", "budgetMinutes": 30, "fast": true}"#),
        // Huge and negative numbers, impossible sizes.
        Case("events: rating 1e308", .post, "/v1/users/ada/events",
             #"{"events": [{"filmId": "fargo-1996", "kind": "rating", "value": 1e308, "idempotencyKey": "k3"}]}"#),
        Case("events: rating beyond Double", .post, "/v1/users/ada/events",
             #"{"events": [{"filmId": "fargo-1996", "kind": "rating", "value": 1e999, "idempotencyKey": "k4"}]}"#),
        Case("events: negative dwell", .post, "/v1/users/ada/events",
             #"{"events": [{"filmId": "fargo-1996", "kind": "dwell", "value": -5, "idempotencyKey": "k5"}]}"#),
        Case("scenes: seed beyond UInt64", .post, "/v1/scenes", #"{"filmId": "fargo-1996", "seed": 184467440737095516150}"#),
        Case("scenes: negative seed", .post, "/v1/scenes", #"{"filmId": "fargo-1996", "seed": -1}"#),
        Case("tours: budget 1e12 minutes", .post, "/v1/tours", #"{"museumId": "film-history-wing", "budgetMinutes": 1e12}"#),
        Case("tours: negative budget", .post, "/v1/tours", #"{"museumId": "film-history-wing", "budgetMinutes": -30}"#),
        Case("recommendations: k negative", .get, "/v1/users/ada/recommendations?k=-3"),
        Case("recommendations: k huge", .get, "/v1/users/ada/recommendations?k=99999999999999999999"),
        Case("films: negative page", .get, "/v1/films?page=-1"),
        Case("films: zero page size", .get, "/v1/films?pageSize=0"),
        Case("preview: negative width", .get, "/v1/scenes/\(String(repeating: "a", count: 64))/preview.png?width=-16"),
        Case("preview: zero height", .get, "/v1/scenes/\(String(repeating: "a", count: 64))/preview.png?height=0"),
        // Invalid UTF-8.
        Case("users: invalid UTF-8", .post, "/v1/users", bytes: invalidUTF8),
        Case("dialogues: invalid UTF-8 character", .post, "/v1/dialogues",
             bytes: Array(#"{"filmId": "fargo-1996", "character": ""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)),
        // Very long strings.
        Case("users: 100k-character name", .post, "/v1/users", #"{"id": "zed", "displayName": "\#(long)"}"#),
        Case("dialogues: 100k-character character", .post, "/v1/dialogues", #"{"filmId": "fargo-1996", "character": "\#(long)"}"#),
        Case("ask: 100k-character question", .get, "/v1/films/fargo-1996/ask?q=\(long)"),
        Case("films: 100k-character id", .get, "/v1/films/\(long)"),
        Case("tours: 100k-character theme", .post, "/v1/tours", #"{"museumId": "film-history-wing", "budgetMinutes": 30, "theme": "\#(long)"}"#),
        // Path traversal in ids.
        Case("films: ../ id", .get, "/v1/films/..%2F..%2Fetc%2Fpasswd"),
        Case("scenes: ../ id", .get, "/v1/scenes/..%2Fserver.sqlite"),
        Case("dialogues: ../ id", .get, "/v1/dialogues/..%2F..%2Fetc%2Fpasswd"),
        Case("users: ../ id", .get, "/v1/users/..%2Fada"),
        Case("tours: ../ id", .get, "/v1/tours/..%2F..%2Fetc%2Fpasswd/script.md"),
        Case("museums: ../ id", .get, "/v1/museums/..%2F..%2FAssets%2Fmuseums%2Fgrand-hall"),
        Case("viewer: ../ id", .get, "/viewer/scenes/..%2F..%2Fetc%2Fpasswd"),
        Case("users: ../ in a new id", .post, "/v1/users", #"{"id": "../../etc/passwd", "displayName": "X"}"#),
        Case("scenes: ../ film id", .post, "/v1/scenes", #"{"filmId": "../fargo-1996"}"#),
        Case("tours: ../ museum id", .post, "/v1/tours", #"{"museumId": "../film-history-wing", "budgetMinutes": 30}"#),
        // SQL metacharacters.
        Case("films: SQL in the id", .get, "/v1/films/fargo-1996'%20OR%20'1'='1"),
        Case("films: SQL in a filter", .get, "/v1/films?genre=Comedy'%3B%20DROP%20TABLE%20films%3B--"),
        Case("users: SQL in a new id", .post, "/v1/users", #"{"id": "x'); DROP TABLE users;--", "displayName": "X"}"#),
        Case("events: SQL in the film id", .post, "/v1/users/ada/events",
             #"{"events": [{"filmId": "fargo-1996' OR 1=1 --", "kind": "view", "idempotencyKey": "k6"}]}"#),
        Case("users: SQL in the path", .delete, "/v1/users/ada'%20OR%20'1'='1"),
        Case("dialogues: SQL in the character", .post, "/v1/dialogues", #"{"filmId": "fargo-1996", "character": "' UNION SELECT key_hash FROM api_keys --"}"#),
        Case("tour edit: SQL in an exhibit id", .put, "/v1/tours/\(tour)", #"{"stops": [{"exhibitId": "x' OR 1=1 --"}]}"#),
    ]

    /// Every bad request is a 4xx problem, and the digest of every table's rows is unchanged.
    @Test func everyBadRequestGetsAProblemAndChangesNothing() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let planned = try await client.execute(
                uri: "/v1/tours", method: .post, body: ByteBuffer(string: #"{"museumId": "film-history-wing", "userId": "ben", "budgetMinutes": 40}"#))
            let tourId = try #require(planned.object["id"] as? String, "\(planned.text)")
            let before = try await fixture.studio.storage.contentDigest()
            var statuses: [UInt: Int] = [:]
            for badCase in Self.cases {
                let uri = badCase.uri.replacingOccurrences(of: Self.tour, with: tourId)
                let response = try await client.execute(
                    uri: uri, method: badCase.method, headers: [.contentType: "application/json"], body: badCase.body.map { ByteBuffer(bytes: $0) })
                let code = response.status.code
                statuses[UInt(code), default: 0] += 1
                #expect((400..<500).contains(code) && code != 401 && code != 403, "\(badCase.label): \(response.status)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(badCase.label): \(response.headers[.contentType] ?? "none")")
                #expect(response.object["status"] as? Int == code, "\(badCase.label): body \(response.text.prefix(200))")
                let detail = response.object["detail"] as? String ?? ""
                #expect(!detail.isEmpty && detail.count < 2_000, "\(badCase.label): detail \(detail.prefix(200))")
                #expect(!response.text.contains("root:") && !response.text.contains("SQLite error"), "\(badCase.label) leaks internals")
            }
            #expect(try await fixture.studio.storage.contentDigest() == before)
            print("bad input: \(Self.cases.count) requests, " + statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "; database unchanged")
        }
    }
}
