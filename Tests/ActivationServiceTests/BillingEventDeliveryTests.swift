import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// SERVICES.md: billing's messages are applied exactly once, keyed by their event id;
/// RULES §5: a code's binding window starts when it was bought, not when it was delivered.
@Suite struct BillingEventDeliveryTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    @Test func aRedeliveredBillingEventIsAcknowledgedAndChangesNothing() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given an order of 3 Standard codes delivered once
            let first = try await service.reportCodes(
                "acc_A", kind: .standard, quantity: 3, addonGroups: 2, issuedAt: Self.purchase, eventID: "evt-order-1")
            // When the relay delivers the same event again (its ack was lost)
            let second = try await service.reportCodes(
                "acc_A", kind: .standard, quantity: 3, addonGroups: 2, issuedAt: Self.purchase, eventID: "evt-order-1")
            // Then the first applied, the second did not, and there are 3 codes of 200 + 2 × 100 viewers
            #expect(first.appliedNow)
            #expect(!second.appliedNow)
            let codes = try await service.codes(of: "acc_A")
            #expect(codes.count == 3)
            #expect(codes.allSatisfy { $0.kind == .standard && $0.capacity == 400 && $0.addonGroups == 2 })
            #expect(Set(codes.map(\.code)).count == 3)
        }
    }

    @Test func aRedeliveredFeeScheduleOrExpansionChangesNothing() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given a fee schedule and a paid expansion, each delivered twice
            var schedule = FeeSchedule()
            try schedule.purchase(at: Self.purchase)
            #expect(try await service.reportFee("acc_A", schedule, eventID: "evt-fee").appliedNow)
            #expect(!(try await service.reportFee("acc_A", schedule, eventID: "evt-fee").appliedNow))
            try await service.reportCodes("acc_A", issuedAt: Self.purchase)
            let code = try #require(try await service.codes(of: "acc_A").first)
            let paid = ActivationV1.BillingEvent(
                eventID: "evt-paid", accountID: "acc_A", occurredAtMs: Self.purchase.unixMilliseconds,
                change: .expansionPaid(ActivationV1.ExpansionPaid(
                    ticketID: "tkt_1", codeID: code.codeID, groups: 3, paidAtMs: Self.purchase.unixMilliseconds)))
            #expect(try await service.deliver(paid).appliedNow)
            #expect(!(try await service.deliver(paid).appliedNow))
            // Then one pending expansion of 3 groups is recorded
            let pending = try await service.operators.listPendingExpansions(.init())
            #expect(pending.expansions.map(\.ticketID) == ["tkt_1"])
            #expect(pending.expansions.first?.groups == 3)
        }
    }

    @Test func aTicketReportedPaidAgainUnderAnotherEventIDIsRecordedOnce() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given a code and its ticket reported paid
            try await service.reportCodes("acc_A", issuedAt: Self.purchase)
            let code = try #require(try await service.codes(of: "acc_A").first)
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_1", code: code.codeID, groups: 3)
            // When the same ticket is reported again under a new event id, with other groups
            let again = try await service.reportExpansionPaid("acc_A", ticket: "tkt_1", code: code.codeID, groups: 5)
            // Then the event is acknowledged, and the ticket is recorded once, as first reported
            #expect(again.appliedNow)
            let pending = try await service.operators.listPendingExpansions(.init())
            #expect(pending.expansions.map(\.ticketID) == ["tkt_1"] && pending.expansions.first?.groups == 3)
        }
    }

    @Test func aGiftCodeIsIssuedAtThePurchaseInstantWithItsBindWindow() async throws {
        // Given billing sold the annual fee on 2020-01-01 12:00 (RULES §11 step 1), and its
        // message reaches activation a week later
        let clock = ManualClock(Self.purchase.adding(hours: 24 * 7))
        try await ActivationHarness.serving(clock: clock) { service in
            var schedule = FeeSchedule()
            try schedule.purchase(at: Self.purchase)
            try await service.reportFee("acc_A", schedule)
            try await service.reportCodes("acc_A", kind: .flagship, issuedAt: Self.purchase, gift: true)
            // When the customer lists its codes
            let codes = try await service.codes(of: "acc_A")
            // Then the gift is one UNBOUND Flagship code issued at the purchase, to be bound before 2020-03-01 12:00
            let gift = try #require(codes.first)
            #expect(codes.count == 1)
            #expect(gift.gift && gift.kind == .flagship && gift.capacity == 20_000)
            #expect(gift.status == .unbound)
            #expect(gift.issuedAtMs == Self.purchase.unixMilliseconds)
            #expect(gift.bindDeadlineMs == Instant.cst(2020, 3, 1, 12, 0).unixMilliseconds)
            #expect(gift.binding == nil && gift.validUntilMs == 0)
            // And the owner reads the full code text, which parses and ends with its masked form
            let secret = try CodeSecret(parsing: gift.code)
            #expect(secret.masked == gift.codeMasked)
            #expect(gift.code.hasPrefix("HJ-") && gift.code.count == "HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX".count)
        }
    }

    @Test func anOlderFeeScheduleArrivingLateDoesNotReplaceANewerOne() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given the renewed schedule (reported at 2020-05-01) is held
            var first = FeeSchedule()
            try first.purchase(at: Self.purchase)
            var renewed = first
            try renewed.purchase(at: Instant.cst(2020, 5, 1, 15, 0))
            service.clock.set(Instant.cst(2020, 5, 1, 15, 0))
            try await service.reportFee("acc_A", renewed)
            // When the first schedule (reported at 2020-01-01) arrives late
            try await service.deliver(ActivationHarness.feeEvent("acc_A", first, eventID: "evt-late", at: Self.purchase))
            // Then a code bound now is still ACTIVE on 2021-03-01 (the renewed term holds)
            try await service.reportCodes("acc_A", issuedAt: service.clock.now())
            let code = try #require(try await service.codes(of: "acc_A").first)
            try await service.bind("acc_A", code.code)
            service.clock.set(Instant.cst(2021, 3, 1, 12, 0))
            #expect(try await service.code(code.codeID, of: "acc_A").status == .active)
        }
    }
}
