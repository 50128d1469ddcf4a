import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

/// SERVICES.md: operators see activation's outbox to billing — what waits, since when, why
/// billing refused it, which account it holds back — and what was delivered.
@Suite struct OutboxStatusTests {
    static let renewal = Instant.cst(2020, 5, 1, 15, 0)

    /// Runs one relay pass from the service's outbox to a fake billing (refusing with `refusal`).
    static func relayOnce(_ service: ActivationHarness, to name: String, refusal: RPCError? = nil) async throws -> OutboxRelay.Pass {
        let billing = FakeBilling(directory: "\(service.directory)/\(name)", refusal: refusal)
        let relay = OutboxRelay(
            database: service.database, peer: RPCClient(socketPath: billing.server.configuration.operatorSocketPath),
            clock: service.clock, logger: ActivationHarness.quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await billing.server.run() }
            try await billing.server.waitUntilListening()
            let pass = try await relay.deliverPending()
            billing.server.beginGracefulShutdown()
            try await group.waitForAll()
            return pass
        }
    }

    @Test func aMessageBillingRefusesIsShownParkedWithItsReasonUntilDelivered() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.renewal)) { service in
            // Given an expansion applied at 2020-05-01 15:00, its message to billing waiting
            let (_, code) = try await service.buyAnnualFee("acc_A")
            try await service.reportExpansionPaid("acc_A", ticket: "tkt_R", code: code.codeID, groups: 5)
            _ = try await service.operators.applyExpansion(.init(ticketID: "tkt_R"))
            let waiting = try await service.operators.getOutboxStatus(.init())
            #expect(waiting.backlog == 1 && waiting.parked == 0 && waiting.lastError.isEmpty)
            #expect(waiting.oldestUndeliveredAtMs == Self.renewal.unixMilliseconds)
            // When billing refuses it
            service.clock.advance(by: .minutes(5))
            let refused = try await Self.relayOnce(
                service, to: "billing-old", refusal: RPCError(.failedPrecondition, "billing cannot apply this event yet"))
            #expect(refused == .refused(partitions: ["acc_A"]))
            // Then it is shown parked, holding back account A, with billing's reason, waiting since it was written
            let parked = try await service.operators.getOutboxStatus(.init())
            #expect(parked.backlog == 1 && parked.parked == 1 && parked.delivered == 0)
            #expect(parked.oldestUndeliveredAtMs == Self.renewal.unixMilliseconds)
            #expect(parked.lastError.contains("FAILED_PRECONDITION") && parked.lastError.contains("billing cannot apply this event yet"))
            let message = try #require(parked.waiting.first)
            #expect(message.messageID == "expansion-applied:tkt_R" && message.partition == "acc_A" && message.parked)
            #expect(message.attempts == 1 && message.lastError == parked.lastError && message.deliveredAtMs == 0)
            #expect(message.createdAtMs == Self.renewal.unixMilliseconds)
            // When billing takes it
            let delivered = try await Self.relayOnce(service, to: "billing-new")
            #expect(delivered == .delivered)
            // Then nothing waits or is parked, and the message is listed as delivered now
            let after = try await service.operators.getOutboxStatus(.init())
            #expect(after.backlog == 0 && after.parked == 0 && after.delivered == 1)
            #expect(after.oldestUndeliveredAtMs == 0 && after.lastError.isEmpty && after.waiting.isEmpty)
            let recent = try #require(after.recent.first)
            #expect(recent.messageID == "expansion-applied:tkt_R" && recent.partition == "acc_A" && !recent.parked)
            #expect(recent.attempts == 2 && recent.lastError.isEmpty)
            #expect(recent.deliveredAtMs == Self.renewal.adding(minutes: 5).unixMilliseconds)
        }
    }

    @Test func aFeeTermsChangeTellsRoomSessionThroughItsOwnQueue() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.renewal)) { service in
            // Given an account's fee bought (billing's fee-terms event applied), and renewed
            var (schedule, _) = try await service.buyAnnualFee("acc_A")
            service.clock.advance(by: .days(200))
            try schedule.purchase(at: service.clock.now())
            try await service.reportFee("acc_A", schedule)
            // Then room-session's queue holds one account event per change, in order, for account A
            let toRoomSession = try await service.operators.getOutboxStatus(.init(destination: "room-session"))
            #expect(toRoomSession.backlog == 2)
            #expect(toRoomSession.waiting.allSatisfy {
                $0.method == SessionV1.RoomSessionService.Method.deliverAccountEvent.name && $0.partition == "acc_A"
                    && $0.destination == "room-session" && $0.messageID.hasSuffix("/room-session")
            })
            #expect(toRoomSession.waiting.map(\.createdAtMs) == [Self.renewal.unixMilliseconds,
                                                                  (Self.renewal + .days(200)).unixMilliseconds])
            // And billing's queue does not: its relay has nothing to deliver, and room-session's still waits
            #expect(try await service.operators.getOutboxStatus(.init()).backlog == 0)
            #expect(try await Self.relayOnce(service, to: "billing") == .delivered)
            #expect(try await service.operators.getOutboxStatus(.init(destination: "room-session")).backlog == 2)
            // And an unknown peer is refused by name
            await expectRefusal(.invalidArgument, "billing or room-session") {
                _ = try await service.operators.getOutboxStatus(.init(destination: "crm"))
            }
        }
    }
}
