import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// RULES §5 status at now, §11 steps 4–5: SUSPENDED while the fee copy has lapsed, ACTIVE
/// again after a renewal, EXPIRED after validity.
@Suite struct CodeStatusTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    @Test func aBoundCodeIsSuspendedWhileTheFeeHasLapsedAndActiveAgainAfterARenewal() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given code A bound on 2020-02-01 (valid until 2021-01-31) under a fee until 2020-12-31 12:00
            let (schedule, gift) = try await service.buyAnnualFee("acc_A")
            service.clock.set(Instant.cst(2020, 2, 1, 12, 0))
            try await service.bind("acc_A", gift.code)
            // When the fee's term ends
            service.clock.set(Instant.cst(2020, 12, 31, 11, 59))
            #expect(try await service.code(gift.codeID, of: "acc_A").status == .active)
            service.clock.set(Instant.cst(2020, 12, 31, 12, 0))
            // Then the code is SUSPENDED
            #expect(try await service.code(gift.codeID, of: "acc_A").status == .suspended)
            // When billing reports a renewal after the lapse (2021-01-10)
            service.clock.set(Instant.cst(2021, 1, 10, 9, 0))
            _ = try await service.buyAnnualFee("acc_A", schedule: schedule)
            // Then the same code is ACTIVE again with its validity unchanged
            let restored = try await service.code(gift.codeID, of: "acc_A")
            #expect(restored.status == .active)
            #expect(restored.validUntilMs == Instant.cst(2021, 1, 31, 12, 0).unixMilliseconds)
        }
    }

    @Test func aCodeIsExpiredFromItsValidityEndEvenWithTheFeeActive() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given code A bound 2020-02-01 12:00 and the fee renewed 2020-05-01 (until 2021-12-31 12:00)
            let (schedule, gift) = try await service.buyAnnualFee("acc_A")
            service.clock.set(Instant.cst(2020, 2, 1, 12, 0))
            try await service.bind("acc_A", gift.code)
            service.clock.set(Instant.cst(2020, 5, 1, 15, 0))
            _ = try await service.buyAnnualFee("acc_A", schedule: schedule)
            // When the clock reaches 2021-01-31 12:00
            service.clock.set(Instant.cst(2021, 1, 31, 11, 59))
            #expect(try await service.code(gift.codeID, of: "acc_A").status == .active)
            service.clock.set(Instant.cst(2021, 1, 31, 12, 0))
            // Then code A is EXPIRED
            #expect(try await service.code(gift.codeID, of: "acc_A").status == .expired)
            // And an unbound code past its window is LAPSED
            let others = try await service.codes(of: "acc_A").filter { $0.codeID != gift.codeID }
            #expect(others.count == 1 && others.first?.status == .lapsed)
        }
    }

    @Test func listCodesPagesThroughEveryCodeOldestFirst() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given 120 codes in two orders
            try await service.reportCodes("acc_A", kind: .standard, quantity: 100, issuedAt: Self.purchase)
            try await service.reportCodes("acc_A", kind: .flagship, quantity: 20, issuedAt: Self.purchase.adding(minutes: 1))
            // When listed 50 at a time
            let first = try await service.customer.listCodes(.init(pageSize: 50), metadata: ActivationHarness.caller("acc_A"))
            #expect(first.codes.count == 50 && !first.nextPageToken.isEmpty)
            // Then all 120 come, each once, Standard ones first
            let all = try await service.codes(of: "acc_A")
            #expect(all.count == 120 && Set(all.map(\.codeID)).count == 120)
            #expect(all.prefix(100).allSatisfy { $0.kind == .standard })
            // And a made-up page token is INVALID_ARGUMENT
            await expectRefusal(.invalidArgument) {
                try await service.customer.listCodes(.init(pageToken: "garbage"), metadata: ActivationHarness.caller("acc_A"))
            }
        }
    }
}
