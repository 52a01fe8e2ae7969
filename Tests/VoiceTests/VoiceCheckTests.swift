import Catalog
import Foundation
import Testing
@testable import Voice

/// What may replace a draft: nothing named or counted beyond the facts, within the length
/// bound, nothing mature for a child.
@Suite struct VoiceCheckTests {
    let check = VoiceCheck(maxLength: 600)
    let draft = "Toy Story (1995) was directed by John Lasseter."
    let facts = ["Toy Story", "1995", "John Lasseter", "Woody", "Andy's room"]

    @Test func acceptsARewordingOfTheFacts() {
        #expect(check.problem(text: "In 1995, John Lasseter directed Toy Story. Woody lives in Andy's room!", draft: draft, facts: facts, audience: .child) == nil)
        #expect(check.problem(text: "It is a film by John Lasseter. You will love it.", draft: draft, facts: facts, audience: .adult) == nil)
    }

    @Test func refusesInventedNamesDatesAndNumbers() {
        #expect(check.problem(text: "Toy Story was released on January 22, 1995.", draft: draft, facts: facts, audience: .adult) == "ungrounded: January, 22")
        #expect(check.problem(text: "Pixar made Toy Story with Tom Hanks.", draft: draft, facts: facts, audience: .adult) == "ungrounded: Pixar, Tom, Hanks")
        #expect(check.problem(text: "It won 3 awards.", draft: draft, facts: facts, audience: .adult) == "ungrounded: 3")
    }

    @Test func refusesMatureTermsForChildrenOnly() {
        let text = "Woody fears a killer toy in Andy's room."
        #expect(check.problem(text: text, draft: draft, facts: facts, audience: .child) == "mature terms for a child: killer")
        #expect(check.problem(text: text, draft: draft, facts: facts, audience: .adult) == nil)
    }

    @Test func refusesEmptyAndOverlongText() {
        #expect(check.problem(text: "  ", draft: draft, facts: facts, audience: .adult) == "rejected: empty")
        let long = String(repeating: "Woody is here. ", count: 20)
        #expect(check.problem(text: long, draft: draft, facts: facts, audience: .adult)?.hasPrefix("too long: 299 characters, bound") == true)
    }
}

/// Stops calling a backend that keeps failing, and tries again after the cool-down.
@Suite struct CircuitBreakerTests {
    @Test func opensAfterConsecutiveFailuresAndRecoversAfterTheCooldown() {
        let breaker = CircuitBreaker(threshold: 2, cooldown: 10)
        let now = Date()
        #expect(breaker.allowsCall(now: now))
        breaker.recordFailure(now: now)
        #expect(breaker.allowsCall(now: now))
        breaker.recordFailure(now: now)
        #expect(!breaker.allowsCall(now: now.addingTimeInterval(5)))
        // After the cool-down one trial call goes through; a second waits for its outcome.
        #expect(breaker.allowsCall(now: now.addingTimeInterval(11)))
        #expect(!breaker.allowsCall(now: now.addingTimeInterval(11)))
        breaker.recordSuccess()
        #expect(breaker.allowsCall(now: now.addingTimeInterval(12)))
    }
}
