import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Voice

/// A fake OpenAI-compatible endpoint that hangs, fails, or talks nonsense: the draft is served
/// within the timeout plus 100 ms, the reason is recorded, and a failing backend is left alone.
@Suite struct FaultTests {
    static let draft = Draft(text: "Toy Story (1995) was directed by John Lasseter.", facts: ["Toy Story", "1995", "John Lasseter"], audience: .child, depth: .casual, language: "en")

    static func completion(_ content: String) -> String {
        let escaped = String(data: try! JSONSerialization.data(withJSONObject: [content], options: []), encoding: .utf8)!.dropFirst().dropLast()
        return #"{"choices": [{"index": 0, "message": {"role": "assistant", "content": \#(escaped)}, "finish_reason": "stop"}]}"#
    }

    /// Routes under /hang, /fail, /garbage, /notjson, /invented and /good, each a chat endpoint.
    static func fakeBackend() -> Application<RouterResponder<BasicRequestContext>> {
        let router = Router()
        router.post("/hang/v1/chat/completions") { _, _ -> String in
            try await Task.sleep(nanoseconds: 3_000_000_000)  // far past the 1 s timeout
            return "{}"
        }
        router.post("/fail/v1/chat/completions") { _, _ -> Response in Response(status: .internalServerError) }
        router.post("/garbage/v1/chat/completions") { _, _ -> String in "<html>oops</html>" }
        router.post("/notjson/v1/chat/completions") { _, _ -> String in completion("Sure! Here is a friendlier text.") }
        router.post("/invented/v1/chat/completions") { _, _ -> String in completion(#"{"text": "Pixar released Toy Story on 22 November 1995."}"#) }
        router.post("/good/v1/chat/completions") { _, _ -> String in completion(#"{"text": "John Lasseter directed Toy Story in 1995!"}"#) }
        return Application(router: router)
    }

    /// The acceptance bound is the timeout plus 100 ms. It holds on a quiet machine, which
    /// `.ci/run` gives these tests in a run of their own (SCENEWRIGHT_STRICT_TIMING=1); inside the
    /// full parallel suite, CPU-bound sweeps hold the cooperative threads the timer needs, so
    /// there the bounds are looser: the hanging backend gets 30 s of slack (14.4 s was measured
    /// late in a full run on 2 cores), and the broken replies, whose point in that run is the
    /// reason recorded, get a 30 s timeout so that a fake backend starved of threads still
    /// answers before it.
    static let strictTiming = ProcessInfo.processInfo.environment["SCENEWRIGHT_STRICT_TIMING"] != nil
    static let slackMilliseconds: Double = strictTiming ? 100 : 30_000
    static let brokenReplyTimeout: Double = strictTiming ? 1 : 30
    /// An open circuit answers without a network call: 50 ms on a quiet machine, and under
    /// 5 s inside the parallel suite.
    static let openCircuitMilliseconds: Double = strictTiming ? 50 : 5_000

    static func voice(port: Int, path: String, timeout: Double = 1) -> Voice {
        Voice(settings: LanguageModelSettings(url: "http://127.0.0.1:\(port)/\(path)", model: "fake", timeoutSeconds: timeout, failuresBeforeOpening: 3, cooldownSeconds: 60))
    }

    static func timed(_ body: () async -> VoicedText) async -> (VoicedText, Double) {
        let start = ContinuousClock.now
        let result = await body()
        let elapsed = ContinuousClock.now - start
        return (result, Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }

    @Test func hangingBackendTimesOutWithinTheBudget() async throws {
        try await Self.fakeBackend().test(.live) { client in
            let voice = Self.voice(port: client.port!, path: "hang", timeout: 1)
            let (result, ms) = await Self.timed { await voice.restyle(Self.draft) }
            #expect(result.source == .draft && result.text == Self.draft.text)
            #expect(result.fallbackReason == "timeout")
            #expect(ms < 1_000 + Self.slackMilliseconds, "served after \(ms) ms")
            print(String(format: "model fault hang: draft served after %.0f ms (timeout 1000 ms): %@", ms, result.fallbackReason ?? ""))
        }
    }

    @Test(arguments: [
        ("fail", "model answered HTTP 500"),
        ("garbage", "invalid reply: the completion is not JSON"),
        ("notjson", "invalid reply: the message is not {\"text\": …}"),
        ("invented", "ungrounded: Pixar, November, 22"),
    ])
    func brokenRepliesServeTheDraftAndSayWhy(path: String, reason: String) async throws {
        try await Self.fakeBackend().test(.live) { client in
            let voice = Self.voice(port: client.port!, path: path, timeout: Self.brokenReplyTimeout)
            let (result, ms) = await Self.timed { await voice.restyle(Self.draft) }
            #expect(result.source == .draft && result.text == Self.draft.text)
            #expect(result.fallbackReason == reason)
            #expect(ms < Self.brokenReplyTimeout * 1_000 + Self.slackMilliseconds, "served after \(ms) ms")
            print(String(format: "model fault %@: draft served after %.0f ms: %@", path, ms, result.fallbackReason ?? ""))
        }
    }

    @Test func unreachableBackendFallsBackAndTheCircuitOpens() async throws {
        // A port nothing listens on.
        let voice = Voice(settings: LanguageModelSettings(url: "http://127.0.0.1:9", model: "fake", timeoutSeconds: 1, failuresBeforeOpening: 2, cooldownSeconds: 60))
        for _ in 0..<2 {
            let result = await voice.restyle(Self.draft)
            #expect(result.source == .draft)
            #expect(result.fallbackReason?.hasPrefix("model unreachable") == true || result.fallbackReason == "timeout")
        }
        let (open, ms) = await Self.timed { await voice.restyle(Self.draft) }
        #expect(open.fallbackReason?.hasPrefix("circuit open") == true)
        #expect(ms < Self.openCircuitMilliseconds, "served after \(ms) ms")
    }

    @Test func aGroundedReplyIsServedAndAttributed() async throws {
        try await Self.fakeBackend().test(.live) { client in
            // What is checked here is attribution, not timing: a timeout generous enough for a
            // machine busy with the whole suite (the timing bounds have their own tests).
            let result = await Self.voice(port: client.port!, path: "good", timeout: 10).restyle(Self.draft)
            #expect(result.source == .model, "\(result.fallbackReason ?? "")")
            #expect(result.text == "John Lasseter directed Toy Story in 1995!")
            #expect(result.model == "fake|t=0.3|seed=1|max=256")
            #expect(result.fallbackReason == nil && result.modelMilliseconds != nil)
        }
    }

    @Test func withoutAModelTheDraftIsServedAtOnce() async {
        let result = await Voice.off.restyle(Self.draft)
        #expect(result == VoicedText(text: Self.draft.text, source: .draft, fallbackReason: "no language model configured", rejectedText: nil, modelMilliseconds: nil, model: nil))
    }
}
