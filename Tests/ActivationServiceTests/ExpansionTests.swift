import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

/// RULES §6 step 4 and §11 step 6: a paid expansion, applied by an operator, grows the code's
/// capacity by 100 × groups, validity unchanged, and billing is told through the outbox.
@Suite struct ExpansionTests {
    static let renewal = Instant.cst(2020, 5, 1, 15, 0)

    @Test func anAppliedExpansionGrowsCapacityAndIsAnnouncedToBilling() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.renewal)) { service in
            // Given gift code B of the 2020-05-01 renewal, bound, and a paid ticket of 100 groups
            let (_, codeB) = try await service.buyAnnualFee("acc_A")
            try await service.bind("acc_A", codeB.code)
            service.clock.advance(by: .days(1))
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_B", code: codeB.codeID, groups: 100)
            // Then it waits for an operator, and does not count yet
            let pending = try await service.operators.listPendingExpansions(.init(accountID: "acc_A"))
            #expect(pending.expansions.map(\.ticketID) == ["tkt_B"])
            #expect(pending.expansions.first?.state == .pending)
            #expect(try await service.code(codeB.codeID, of: "acc_A").capacity == 20_000)
            // When an operator applies it
            service.clock.advance(by: .hours(2))
            let applied = try await service.operators.applyExpansion(.init(ticketID: "tkt_B"))
            // Then the code holds 20,000 + 10,000 = 30,000 viewers, its validity unchanged
            #expect(applied.appliedNow)
            #expect(applied.code?.capacity == 30_000)
            #expect(applied.code?.code == "")
            let code = try await service.code(codeB.codeID, of: "acc_A")
            #expect(code.capacity == 30_000 && code.expansionGroups == 100)
            #expect(code.validUntilMs == Instant.cst(2021, 4, 30, 15, 0).unixMilliseconds)
            #expect(code.expansions.map(\.state) == [.applied])
            #expect(try await service.authorize(codeB.code).capacity == 30_000)
            // And nothing is pending any more
            let after = try await service.operators.listPendingExpansions(.init())
            #expect(after.expansions.isEmpty)
            // And one ExpansionApplied waits in the outbox for billing
            let outbox = try await service.operators.getOutboxStatus(.init())
            #expect(outbox.backlog == 1)
            #expect(outbox.waiting.map(\.method) == [BillingV1.BillingService.Method.deliverActivationEvent.name])
            #expect(outbox.waiting.map(\.messageID) == ["expansion-applied:tkt_B"])
            #expect(outbox.waiting.map(\.partition) == ["acc_A"])
            // And the metrics report that backlog
            let metrics = try await MetricsV1.MetricsService.Client(service.operatorRPC).get(.init())
            #expect(metrics.prometheusText.contains("huanju_outbox_backlog{service=\"activation\"} 1"))
            #expect(metrics.prometheusText.contains("huanju_activation_codes_bound{service=\"activation\"} 1"))
        }
    }

    @Test func applyingAnAppliedExpansionAgainChangesNothing() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.renewal)) { service in
            // Given an applied ticket of 2 groups
            let (_, code) = try await service.buyAnnualFee("acc_A")
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_2", code: code.codeID, groups: 2)
            let request = ActivationV1.ApplyExpansionRequest(ticketID: "tkt_2")
            let first = try await service.operators.applyExpansion(request)
            // When it is applied again
            let second = try await service.operators.applyExpansion(request)
            // Then the answer says so, the capacity grew once, and billing is told once
            #expect(first.appliedNow && !second.appliedNow)
            #expect(second.code?.capacity == 20_200)
            #expect(second.expansion?.appliedAtMs == first.expansion?.appliedAtMs)
            let outbox = try await service.operators.getOutboxStatus(.init())
            #expect(outbox.backlog == 1)
            // And an unknown ticket is NOT_FOUND
            await expectRefusal(.notFound) {
                try await service.operators.applyExpansion(.init(ticketID: "tkt_none"))
            }
        }
    }

    @Test func theOutboxRelayDeliversExpansionAppliedToBilling() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.renewal)) { service in
            // Given an applied expansion waiting in the outbox
            let (_, code) = try await service.buyAnnualFee("acc_A")
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_R", code: code.codeID, groups: 5)
            _ = try await service.operators.applyExpansion(.init(ticketID: "tkt_R"))
            // When the relay runs against billing's operator socket
            let billing = FakeBilling(directory: "\(service.directory)/run")
            let relay = OutboxRelay(
                database: service.database,
                peer: RPCClient(socketPath: billing.server.configuration.operatorSocketPath),
                clock: service.clock, logger: ActivationHarness.quiet)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await billing.server.run() }
                try await billing.server.waitUntilListening()
                #expect(try await relay.deliverPending() == .delivered)
                billing.server.beginGracefulShutdown()
                try await group.waitForAll()
            }
            // Then billing received one ExpansionApplied naming the ticket, the code and the groups
            let events = billing.received.events
            #expect(events.count == 1)
            #expect(events.first?.eventID == "expansion-applied:tkt_R")
            #expect(events.first?.accountID == "acc_A")
            #expect(events.first?.occurredAtMs == Self.renewal.unixMilliseconds)
            #expect(events.first?.change == .expansionApplied(BillingV1.ExpansionApplied(
                ticketID: "tkt_R", codeID: code.codeID, groups: 5, appliedAtMs: Self.renewal.unixMilliseconds)))
            let outbox = try await service.operators.getOutboxStatus(.init())
            #expect(outbox.backlog == 0 && outbox.delivered == 1)
        }
    }
}
