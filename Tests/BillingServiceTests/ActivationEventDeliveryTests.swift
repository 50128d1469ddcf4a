import BillingService
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// What billing does with the events activation's relay delivers (`DeliverActivationEvent`),
/// over the socket: a change this build does not know is refused FAILED_PRECONDITION without
/// claiming the event id (the sender parks that account's messages and retries); a malformed
/// event is INVALID_ARGUMENT; a field this build does not know is skipped.
@Suite struct ActivationEventDeliveryTests {
    /// A customer with a PAID ticket of 2 groups on code B.
    static func paidTicket(_ harness: BillingHarness) async throws -> (account: String, ticketID: String) {
        let account = try await harness.approvedEnterprise()
        _ = try await harness.buyFee(account)
        harness.codes.put("code_B", account: account, status: .active)
        let ticket = try await harness.call(
            Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: 2), as: account)
        _ = try await harness.call(
            Billing.approveExpansionTicket, BillingV1.ApproveExpansionTicketRequest(ticketID: ticket.ticketID), operator: true)
        _ = try await harness.call(
            Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: account, key: "p")
        return (account, ticket.ticketID)
    }

    /// The event saying the ticket's expansion was applied.
    static func applied(_ eventID: String, _ account: String, _ ticketID: String, groups: UInt32 = 2) -> BillingV1.ActivationEvent {
        BillingV1.ActivationEvent(
            eventID: eventID, accountID: account, occurredAtMs: BillingHarness.start.ms,
            change: .expansionApplied(BillingV1.ExpansionApplied(
                ticketID: ticketID, codeID: "code_B", groups: groups, appliedAtMs: BillingHarness.start.ms)))
    }

    static func ticketState(_ harness: BillingHarness, _ account: String, _ ticketID: String) async throws -> BillingV1.TicketState {
        try await harness.call(Billing.getExpansionTicket, BillingV1.GetExpansionTicketRequest(ticketID: ticketID), as: account).state
    }

    @Test func anEventWithNoChangeIsRefusedAsOneToUpgradeForAndItsIdIsNotClaimed() async throws {
        try await BillingHarness.run { harness in
            // Given a paid ticket
            let (account, ticketID) = try await Self.paidTicket(harness)
            // When activation delivers event E with no change set
            let refusal = await harness.refusal(
                Billing.deliverActivationEvent,
                BillingV1.ActivationEvent(eventID: "act_E", accountID: account, occurredAtMs: BillingHarness.start.ms), operator: true)
            // Then it is FAILED_PRECONDITION, saying to upgrade billing, and the ticket is unchanged
            #expect(refusal.code == .failedPrecondition)
            #expect(refusal.message == "activation event act_E carries a change this billing does not know; upgrade billing")
            #expect(try await Self.ticketState(harness, account, ticketID) == .paid)
            // And E was not claimed: delivered again with a change billing knows, it applies
            let ack = try await harness.call(Billing.deliverActivationEvent, Self.applied("act_E", account, ticketID), operator: true)
            #expect(ack.appliedNow)
            #expect(try await Self.ticketState(harness, account, ticketID) == .applied)
        }
    }

    @Test func anEventWithAChangeANewerActivationAddedIsRefusedAsOneToUpgradeFor() async throws {
        try await BillingHarness.run { harness in
            // Given a paid ticket, and an event whose change is oneof member 11, which this build does not know
            let (account, ticketID) = try await Self.paidTicket(harness)
            var bytes = ProtoBytes()
            bytes.append(field: 1, lengthDelimited: Array("act_new".utf8))
            bytes.append(field: 2, lengthDelimited: Array(account.utf8))
            bytes.append(field: 3, varint: UInt64(BillingHarness.start.ms))
            var change = ProtoBytes()
            change.append(field: 1, lengthDelimited: Array(ticketID.utf8))
            bytes.append(field: 11, lengthDelimited: change.bytes)
            // When activation delivers it
            let response = try await harness.send(Billing.deliverActivationEvent, payload: bytes.bytes, operator: true)
            // Then it is FAILED_PRECONDITION, saying to upgrade billing; nothing changed
            #expect(response.status == .failedPrecondition)
            #expect(response.message == "activation event act_new carries a change this billing does not know; upgrade billing")
            #expect(try await Self.ticketState(harness, account, ticketID) == .paid)
        }
    }

    @Test func anEventWithAFieldThisBuildDoesNotKnowIsAppliedAndAcknowledged() async throws {
        try await BillingHarness.run { harness in
            // Given a paid ticket, and a valid event with field 99 appended by hand
            let (account, ticketID) = try await Self.paidTicket(harness)
            var extra = ProtoBytes()
            extra.append(field: 99, lengthDelimited: Array("from a newer activation".utf8))
            let payload = Self.applied("act_99", account, ticketID).serializedBytes() + extra.bytes
            // When activation delivers it
            let response = try await harness.send(Billing.deliverActivationEvent, payload: payload, operator: true)
            // Then it is applied and acknowledged
            #expect(response.status == .ok)
            #expect(try BillingV1.ActivationEventAck(serializedBytes: response.payload).appliedNow)
            #expect(try await Self.ticketState(harness, account, ticketID) == .applied)
        }
    }

    @Test func anEventWithoutIdsOrWithGroupsOutOfRangeIsMalformed() async throws {
        try await BillingHarness.run { harness in
            let (account, ticketID) = try await Self.paidTicket(harness)
            let noEventID = Self.applied("", account, ticketID)
            var noAccount = Self.applied("act_1", account, ticketID)
            noAccount.accountID = ""
            var noTicket = Self.applied("act_2", account, ticketID)
            noTicket.change = .expansionApplied(BillingV1.ExpansionApplied(codeID: "code_B", groups: 2, appliedAtMs: 1))
            for event in [noEventID, noAccount, noTicket, Self.applied("act_3", account, ticketID, groups: 0),
                          Self.applied("act_4", account, ticketID, groups: 10_001)] {
                // When each is delivered, Then it is INVALID_ARGUMENT and changes nothing
                let refusal = await harness.refusal(Billing.deliverActivationEvent, event, operator: true)
                #expect(refusal.code == .invalidArgument, "\(event)")
            }
            #expect(try await Self.ticketState(harness, account, ticketID) == .paid)
        }
    }
}
