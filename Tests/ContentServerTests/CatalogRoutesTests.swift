import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `/healthz`, `/v1/films`, `/v1/users/{id}` over HTTP, including every kind of bad input.
@Suite struct CatalogRoutesTests {
    @Test func healthzReportsTheCatalog() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.object["status"] as? String == "ok")
            #expect((response.object["films"] as? Int ?? 0) >= 60)
            #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
        }
    }

    @Test func searchFindsTheMatrixWithTheDocumentedShape() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/v1/films?q=matrix", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = response.object
            #expect(body["total"] as? Int == 1)
            #expect(body["page"] as? Int == 1)
            #expect(body["pageSize"] as? Int == 20)
            let film = try #require((body["items"] as? [[String: Any]])?.first)
            #expect(film["id"] as? String == "the-matrix-1999")
            #expect(film["year"] as? Int == 1999)
            for key in ["id", "title", "year", "genres", "directors", "cast", "synopsis", "settings", "keywords"] {
                #expect(film[key] != nil, "missing \(key)")
            }
            let cast = try #require(film["cast"] as? [[String: String]])
            #expect(cast.first == ["person": "Keanu Reeves", "character": "Neo"])
        }
    }

    @Test func filtersAndPaging() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let westerns = try await client.execute(uri: "/v1/films?genre=western&pageSize=2&page=2", method: .get)
            #expect(westerns.status == .ok)
            #expect(westerns.object["total"] as? Int == 5)
            #expect((westerns.object["items"] as? [Any])?.count == 2)
            let fifties = try await client.execute(uri: "/v1/films?yearFrom=1950&yearTo=1959&pageSize=100", method: .get)
            let years = (fifties.object["items"] as? [[String: Any]] ?? []).compactMap { $0["year"] as? Int }
            #expect(!years.isEmpty && years.allSatisfy { (1950...1959).contains($0) })
            let spaced = try await client.execute(uri: "/v1/films?q=star+wars", method: .get)
            #expect(spaced.object["total"] as? Int == 1)
            let encoded = try await client.execute(uri: "/v1/films?q=Schindler%27s", method: .get)
            #expect(encoded.object["total"] as? Int == 1)
        }
    }

    @Test func filmAndUserById() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let film = try await client.execute(uri: "/v1/films/fargo-1996", method: .get)
            #expect(film.object["title"] as? String == "Fargo")
            #expect(film.object["directors"] as? [String] == ["Joel Coen"])
            let user = try await client.execute(uri: "/v1/users/emma", method: .get)
            #expect(user.object["audience"] as? String == "child")
        }
    }

    @Test(arguments: [
        ("/v1/films/does-not-exist", 404, nil),
        ("/v1/films/..%2F..%2Fetc%2Fpasswd", 404, nil),
        ("/v1/users/nobody", 404, nil),
        ("/v1/nothing-here", 404, nil),
        ("/v1/films?pageSize=500", 400, "pageSize"),
        ("/v1/films?pageSize=0", 400, "pageSize"),
        ("/v1/films?pageSize=-3", 400, "pageSize"),
        ("/v1/films?page=abc", 400, "page"),
        ("/v1/films?page=99999999999999999999999", 400, "page"),
        ("/v1/films?genre=Polka", 400, "genre"),
        ("/v1/films?yearFrom=2000&yearTo=1990", 400, "yearFrom"),
        ("/v1/films?yearFrom=20000", 400, "yearFrom"),
        ("/v1/films?q=%FF%FE", 400, "q"),
        ("/v1/films?q=%00", 400, "q"),
    ] as [(String, Int, String?)])
    func badRequestsGetProblemJSON(uri: String, status: Int, parameter: String?) async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(Int(response.status.code) == status, "\(uri): \(response.text)")
            #expect(response.headers[.contentType] == "application/problem+json")
            let body = response.object
            #expect(body["status"] as? Int == status)
            #expect((body["type"] as? String)?.hasPrefix("urn:scenewright:problem:") == true)
            #expect(!(body["detail"] as? String ?? "").isEmpty)
            #expect(body["requestId"] as? String == response.headers[HTTPField.Name("X-Request-Id")!])
            #expect(body["parameter"] as? String == parameter)
        }
    }

    @Test func longQueriesAreRefusedNotTruncated() async throws {
        let fixture = try await ServerFixture()
        try await fixture.test { client in
            let long = String(repeating: "a", count: 201)
            let response = try await client.execute(uri: "/v1/films?q=\(long)", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.object["parameter"] as? String == "q")
        }
    }
}
