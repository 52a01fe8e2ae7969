@testable import ContentServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The rate limiter runs before the key lookup, wrong keys are limited per address, a trusted
/// proxy's `X-Forwarded-For` names the client, and forgetting idle clients is O(1).
@Suite struct LimiterTests {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    @Test func aFloodOfWrongKeysGets429sAfterTheAllowance() async throws {
        let fixture = try await ServerFixture(
            settings: ServerSettings(rateLimit: .init(perSecond: 1000, burst: 1000), wrongKeyLimit: .init(perSecond: 0.01, burst: 3)))
        try await fixture.testAnonymously { client in
            var statuses: [Int] = []
            for attempt in 0..<8 {
                let response = try await client.execute(
                    uri: "/v1/users/ada", method: .get, headers: [.authorization: "Bearer sw_guess\(attempt)_wrongsecret"])
                statuses.append(response.status.code)
                if response.status == .tooManyRequests {
                    #expect(response.headers[.retryAfter].flatMap { Int($0) }.map { $0 >= 1 } == true)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            #expect(statuses == [401, 401, 401, 429, 429, 429, 429, 429])
            // Anonymous public reads from the same address still work.
            #expect(try await client.execute(uri: "/v1/films/fargo-1996", method: .get).status == .ok)
        }
    }

    @Test func theRateLimitIsTakenBeforeTheKeyIsLookedUp() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(rateLimit: .init(perSecond: 0.01, burst: 2), wrongKeyLimit: nil))
        try await fixture.testAnonymously { client in
            let key: HTTPFields = [.authorization: "Bearer sw_samekeyid00_wrongsecret"]
            let first = try await client.execute(uri: "/v1/films", method: .get, headers: key)
            let second = try await client.execute(uri: "/v1/films", method: .get, headers: key)
            let third = try await client.execute(uri: "/v1/films", method: .get, headers: key)
            // Wrong keys use up their claimed id's bucket too: the third is refused unread.
            #expect([first.status, second.status, third.status] == [.unauthorized, .unauthorized, .tooManyRequests])
        }
    }

    @Test func aTrustedProxysForwardedForNamesTheClient() async throws {
        let fixture = try await ServerFixture(
            settings: ServerSettings(rateLimit: .init(perSecond: 0.01, burst: 2), trustedProxies: [AddressRange("127.0.0.0/8")!]))
        try await fixture.testLive { (client: any TestClientProtocol) async throws in
            func status(_ forwarded: String) async throws -> Int {
                try await client.execute(uri: "/v1/films/fargo-1996", method: .get, headers: [Self.forwardedFor: forwarded]).status.code
            }
            #expect(try await status("203.0.113.7") == 200)
            #expect(try await status("198.51.100.1, 203.0.113.7") == 200)   // the left entry is the client's own claim
            #expect(try await status("203.0.113.7") == 429)
            #expect(try await status("203.0.113.8") == 200)
        }
    }

    @Test func forwardedForFromAnUntrustedPeerIsIgnored() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(rateLimit: .init(perSecond: 0.01, burst: 2)))
        try await fixture.testLive { (client: any TestClientProtocol) async throws in
            var statuses: [Int] = []
            for address in ["203.0.113.1", "203.0.113.2", "203.0.113.3"] {
                statuses.append(try await client.execute(uri: "/v1/films/fargo-1996", method: .get, headers: [Self.forwardedFor: address]).status.code)
            }
            #expect(statuses == [200, 200, 429])
        }
    }

    @Test func clientAddressesResolveFromTheRightmostUntrustedHop() {
        let proxies = [AddressRange("10.0.0.0/8")!, AddressRange("fd00::/8")!]
        #expect(ClientAddress.resolve(peer: "10.1.2.3", forwardedFor: ["1.2.3.4"], trustedProxies: proxies) == "1.2.3.4")
        #expect(ClientAddress.resolve(peer: "10.1.2.3", forwardedFor: ["6.6.6.6, 1.2.3.4, 10.9.9.9"], trustedProxies: proxies) == "1.2.3.4")
        #expect(ClientAddress.resolve(peer: "10.1.2.3", forwardedFor: ["6.6.6.6", "1.2.3.4"], trustedProxies: proxies) == "1.2.3.4")
        #expect(ClientAddress.resolve(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, not-an-address"], trustedProxies: proxies) == "10.1.2.3")
        #expect(ClientAddress.resolve(peer: "10.1.2.3", forwardedFor: [], trustedProxies: proxies) == "10.1.2.3")
        #expect(ClientAddress.resolve(peer: "192.0.2.1", forwardedFor: ["1.2.3.4"], trustedProxies: proxies) == "192.0.2.1")
        #expect(ClientAddress.resolve(peer: "fd00::1", forwardedFor: ["2001:db8::5"], trustedProxies: proxies) == "2001:db8::5")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["1.2.3.4"], trustedProxies: proxies) == "local")
    }

    @Test func addressRangesParseAndMatch() {
        #expect(AddressRange("10.0.0.0/8")!.contains("10.255.0.1"))
        #expect(!AddressRange("10.0.0.0/8")!.contains("11.0.0.1"))
        #expect(AddressRange("127.0.0.1")!.contains("::ffff:127.0.0.1"))
        #expect(AddressRange("192.168.1.77/24")!.description == "192.168.1.0/24")
        #expect(AddressRange("2001:db8::/32")!.contains("2001:db8:ffff::1"))
        #expect(!AddressRange("2001:db8::/32")!.contains("10.0.0.1"))
        #expect(AddressRange("10.0.0.0/33") == nil)
        #expect(AddressRange("10.0.0/8") == nil)
        #expect(AddressRange("example.com") == nil)
        #expect(AddressRange("") == nil)
    }

    @Test func idleClientsAreForgottenWholeGenerationsAtATime() async {
        let limiter = RateLimiter(perSecond: 1, burst: 1, maxClientsPerGeneration: 100)
        for client in 0..<1_000 { _ = await limiter.take("ip:\(client)") }
        #expect(await limiter.trackedClients <= 200)
        // A client seen in the last generation keeps its (empty) bucket.
        #expect(await limiter.take("ip:999") != nil)
    }

    @Test func privateModeCoversGenerationAndChatButNotHealthOrPreflight() async throws {
        let fixture = try await ServerFixture(settings: ServerSettings(requireKeyForReads: true, rateLimit: nil, corsOrigins: ["https://viewer.example"]))
        try await fixture.testAnonymously { client in
            let scene = try await client.execute(uri: "/v1/scenes", method: .post, body: ByteBuffer(string: #"{"filmId": "fargo-1996"}"#))
            let ask = try await client.execute(uri: "/v1/films/fargo-1996/ask?q=who%20directed%20it", method: .get)
            let health = try await client.execute(uri: "/healthz", method: .get)
            let preflight = try await client.execute(
                uri: "/v1/scenes", method: .options, headers: [.origin: "https://viewer.example", .accessControlRequestMethod: "POST"])
            #expect(scene.status == .unauthorized && ask.status == .unauthorized)
            #expect(health.status == .ok && preflight.status == .noContent)
        }
    }
}
