@testable import ActivationService
import HuanjuDomain
import Testing

/// A failing endpoint rests 1 s, 2 s, 4 s … 5 min between attempts, less up to a fifth (jitter).
@Suite struct WebhookRetryPolicyTests {
    @Test func thePauseDoublesFromOneSecondToFiveMinutes() {
        // Given the standard policy, no jitter
        let policy = WebhookRetryPolicy.standard
        // When the endpoint failed 1, 2, … 12 times in a row
        let pauses = (1...12).map { policy.pause(afterFailures: $0, jitter: 0).milliseconds / 1000 }
        // Then the pauses double, and stay at 5 minutes
        #expect(pauses == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300])
        #expect(policy.pause(afterFailures: 10_000, jitter: 0) == .minutes(5))
    }

    @Test func jitterTakesUpToAFifthOff() {
        let policy = WebhookRetryPolicy.standard
        #expect(policy.pause(afterFailures: 1, jitter: 0.5) == .milliseconds(900))
        #expect(policy.pause(afterFailures: 3, jitter: 0.999_999) == .milliseconds(3_201))
        #expect(policy.pause(afterFailures: 20, jitter: 0.999_999) == .milliseconds(240_001))
        // And every pause lies within [4/5, 1] of its base
        for failures in 1...12 {
            let base = policy.pause(afterFailures: failures, jitter: 0).milliseconds
            for jitter in stride(from: 0.0, to: 1.0, by: 0.125) {
                let pause = policy.pause(afterFailures: failures, jitter: jitter).milliseconds
                #expect(pause <= base && pause * 5 >= base * 4)
            }
        }
    }

    @Test func anAttemptIsDueWhenItsInstantHasComeOrLiesBeyondTheLongestPause() {
        // Given the standard policy and an instant
        let policy = WebhookRetryPolicy.standard
        let now = Instant.cst(2020, 1, 1, 12, 0)
        // Then nothing pending, or an instant reached, is due
        #expect(policy.isDue(retryAt: nil, now: now))
        #expect(policy.isDue(retryAt: now, now: now) && policy.isDue(retryAt: now - .seconds(1), now: now))
        // And an instant ahead within the longest pause is not
        #expect(!policy.isDue(retryAt: now + .milliseconds(1), now: now))
        #expect(!policy.isDue(retryAt: now + .minutes(5), now: now))
        // And one further ahead than any pause (the host's clock was set back) is
        #expect(policy.isDue(retryAt: now + .minutes(5) + .milliseconds(1), now: now))
    }

    @Test func theStandardAttemptLimitIsTenSeconds() {
        #expect(WebhookRetryPolicy.standard.attemptTimeout == .seconds(10))
    }
}
