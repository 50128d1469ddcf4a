import ActivationService
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// SERVICES.md: wrong-code binding attempts are rate-limited per caller, so that codes cannot
/// be guessed: 5 wrong codes within 10 minutes (business clock) pause binding until the window
/// passes.
@Suite struct BindRateLimitTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    @Test func fiveWrongCodesPauseBindingUntilTheWindowPasses() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given account A owns an unbound code, and account B owns another
            let (_, own) = try await service.buyAnnualFee("acc_A")
            let (_, foreign) = try await service.buyAnnualFee("acc_B")
            // When A tries 5 wrong codes a minute apart: malformed, a typo, unknown, B's, unknown
            var typo = Array(own.code)
            typo[typo.count - 1] = typo[typo.count - 1] == "0" ? "1" : "0"
            let wrong: [(String, StatusCode)] = [
                ("HJ-NOT-A-CODE", .invalidArgument), (String(typo), .invalidArgument),
                (CodeSecret.generate().text, .notFound), (foreign.code, .notFound), (CodeSecret.generate().text, .notFound),
            ]
            var messages: [String] = []
            for (text, status) in wrong {
                messages.append(await expectRefusal(status) { try await service.bind("acc_A", text) })
                service.clock.advance(by: .minutes(1))
            }
            #expect(messages[0].contains("4 more wrong codes"))
            #expect(messages[4].contains("paused"))
            // Then at 12:05 even the right code is RESOURCE_EXHAUSTED, naming 12:10 (the first one's window end)
            let paused = await expectRefusal(.resourceExhausted) { try await service.bind("acc_A", own.code) }
            #expect(paused.contains("2020-01-01 12:10 CST"))
            // And the pause is per caller: B still binds its code
            #expect(try await service.bind("acc_B", foreign.code).newlyBound)
            // When the window of the first wrong code has passed (12:10)
            service.clock.set(Instant.cst(2020, 1, 1, 12, 10))
            // Then A's right code binds
            let bound = try await service.bind("acc_A", own.code)
            #expect(bound.newlyBound && bound.code?.status == .active)
        }
    }

    @Test func rightCodesAndRefusalsOfOwnCodesDoNotCount() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given account A with a code bound to (dev-1, wx-1)
            let (_, own) = try await service.buyAnnualFee("acc_A")
            try await service.bind("acc_A", own.code)
            // When it rebinds it 10 times and tries another pair 10 times
            for _ in 0..<10 { try await service.bind("acc_A", own.code) }
            for _ in 0..<10 {
                await expectRefusal(.failedPrecondition) { try await service.bind("acc_A", own.code, device: "dev-9") }
            }
            // Then 4 wrong codes are still allowed before the pause
            for _ in 0..<4 { await expectRefusal(.notFound) { try await service.bind("acc_A", CodeSecret.generate().text) } }
            let fifth = await expectRefusal(.notFound) { try await service.bind("acc_A", CodeSecret.generate().text) }
            #expect(fifth.contains("paused"))
            await expectRefusal(.resourceExhausted) { try await service.bind("acc_A", own.code) }
        }
    }

    @Test func thePauseEndsWhenTheOldestCountingWrongCodeLeavesTheWindow() {
        // Given the standard policy and wrong codes at 12:00, 12:01, 12:02, 12:08, 12:09
        let limit = BindRateLimit.standard
        let failures = [0, 1, 2, 8, 9].map { Self.purchase.adding(minutes: $0) }
        // Then binding reopens at 12:10; with four it is open
        #expect(limit.pausedUntil(counting: failures) == Instant.cst(2020, 1, 1, 12, 10))
        #expect(limit.pausedUntil(counting: Array(failures.dropFirst())) == nil)
        // And a wrong code at t stops counting at exactly t + 10 minutes
        #expect(limit.windowStart(at: Instant.cst(2020, 1, 1, 12, 10)) == Self.purchase)
    }
}
