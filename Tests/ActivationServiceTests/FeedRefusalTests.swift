import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// The feed's refusals over the wire: peers' events for the feed alone are checked like
/// customer input (a broken one INVALID_ARGUMENT, a change this build does not know
/// FAILED_PRECONDITION), and neither is recorded nor claimed; the operator's listing needs an
/// account. Each refusal leaves the feed as it was.
@Suite struct FeedRefusalTests {
    static let now = Instant.cst(2020, 1, 1, 12, 0)

    static func feed(_ service: ActivationHarness, _ account: String) async throws -> [ActivationV1.FeedEvent] {
        try await service.operators.listAnyAccountEvents(ActivationV1.ListAnyAccountEventsRequest(accountID: account)).events
    }

    static func ended(_ eventID: String, account: String = "acc_A", broadcast: String = "bc_1") -> ActivationV1.SessionEvent {
        ActivationV1.SessionEvent(
            eventID: eventID, accountID: account, broadcastID: broadcast, codeID: "code_1",
            occurredAtMs: now.unixMilliseconds, change: .ended(ActivationV1.BroadcastEnded(reason: "HOST_ENDED")))
    }

    @Test func brokenOrUnknownSessionEventsAreRefusedAndNotClaimed() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.now)) { service in
            // A session event without a broadcast id is broken whoever reads it
            await expectRefusal(.invalidArgument, "needs an event_id, the account_id and the broadcast_id") {
                try await service.operators.deliverSessionEvent(Self.ended("s-1", broadcast: ""))
            }
            // One without a change (or with one this build does not know) waits for an upgrade
            var unknown = Self.ended("s-2")
            unknown.change = nil
            await expectRefusal(.failedPrecondition, "session event s-2 carries a change this activation does not know") {
                try await service.operators.deliverSessionEvent(unknown)
            }
            #expect(try await Self.feed(service, "acc_A").isEmpty)
            // The id was not claimed: sent again with a change it knows, it is recorded once
            let applied = try await service.operators.deliverSessionEvent(Self.ended("s-2"))
            #expect(applied.appliedNow)
            #expect(!(try await service.operators.deliverSessionEvent(Self.ended("s-2")).appliedNow))
            #expect(try await Self.feed(service, "acc_A").map(\.type) == [.broadcastEnded])
        }
    }

    @Test func aTicketNoticeOutOfRangeIsRefusedAndNotRecorded() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.now)) { (service: ActivationHarness) async throws in
            let broken: [(groups: UInt32, ticket: String, code: String)] = [(0, "tkt_1", "code_1"), (1, "", "code_1"), (1, "tkt_1", "")]
            for (groups, ticket, code) in broken {
                let event = ActivationV1.BillingEvent(
                    eventID: "tkt_1/opened", accountID: "acc_A", occurredAtMs: Self.now.unixMilliseconds,
                    change: .ticketOpened(ActivationV1.ExpansionTicketOpened(ticketID: ticket, codeID: code, groups: groups)))
                _ = await expectRefusal(.invalidArgument, "billing event tkt_1/opened") { try await service.deliver(event) }
            }
            #expect(try await Self.feed(service, "acc_A").isEmpty)
        }
    }

    @Test func theOperatorsListingNeedsAnAccountAndCursorsAreChecked() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.now)) { service in
            await expectRefusal(.invalidArgument, "ListAnyAccountEvents needs an account_id") {
                try await service.operators.listAnyAccountEvents(ActivationV1.ListAnyAccountEventsRequest())
            }
            for cursor in ["x", "-1", "0", "1e3", "99999999999999999999"] {
                await expectRefusal(.invalidArgument, "after must be a cursor from a previous answer") {
                    try await service.operators.listAnyAccountEvents(
                        ActivationV1.ListAnyAccountEventsRequest(accountID: "acc_A", after: cursor))
                }
            }
        }
    }
}
