import BillingService
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

/// RULES §6: a ticket is opened for one of the customer's codes, approved or rejected by an
/// operator, paid (fee active, code not LAPSED or EXPIRED), and APPLIED when activation says so.
@Suite struct ExpansionTicketTests {
    /// An approved enterprise with an active fee and an ACTIVE code `code_B`.
    static func customerWithCode(_ harness: BillingHarness, status: CodeStatus = .active) async throws -> String {
        let account = try await harness.approvedEnterprise()
        _ = try await harness.buyFee(account)
        harness.codes.put("code_B", account: account, status: status)
        return account
    }

    static func open(_ harness: BillingHarness, _ account: String, groups: UInt32 = 100) async throws -> BillingV1.ExpansionTicket {
        try await harness.call(Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: groups), as: account)
    }

    @Test func theWholeTicketFlowFromOpenToApplied() async throws {
        try await BillingHarness.run { harness in
            // Given code B of an account whose fee is active
            let account = try await Self.customerWithCode(harness)
            // When it opens a ticket for 100 groups (10,000 viewers)
            let opened = try await Self.open(harness, account)
            #expect(opened.state == .pendingReview)
            #expect(opened.addedViewers == 10_000)
            #expect(opened.priceFen == 100 * 1_000_000)
            // Then it cannot pay before an operator approves
            let early = await harness.refusal(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: opened.ticketID), as: account, key: "pay")
            #expect(early.code == .failedPrecondition)
            #expect(early.message.contains("PENDING_REVIEW"))
            // When an operator approves it, and the customer pays
            harness.clock.advance(by: .hours(2))
            let approved: BillingV1.ExpansionTicket = try await harness.call(
                Billing.approveExpansionTicket, BillingV1.ApproveExpansionTicketRequest(ticketID: opened.ticketID), operator: true)
            #expect(approved.state == .approved)
            harness.clock.advance(by: .hours(1))
            let paid: BillingV1.PurchaseResponse = try await harness.call(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: opened.ticketID), as: account, key: "pay")
            // Then an order of 100 × 10,000 CNY is placed and the ticket is PAID
            let order = try #require(paid.order)
            #expect(order.kind == .expansion)
            #expect(order.ticketID == opened.ticketID)
            #expect(order.lines == [BillingV1.OrderLine(item: .expansion, quantity: 100, unitPriceFen: 1_000_000, totalFen: 100_000_000)])
            #expect(paid.ticket?.state == .paid)
            #expect(paid.ticket?.orderID == order.orderID)
            #expect(paid.ticket?.paidAtMs == BillingHarness.start.adding(hours: 3).ms)
            // And activation is told, keyed by the ticket
            let message = try #require(try await harness.outbox().last)
            #expect(message.id == "\(opened.ticketID)/paid")
            #expect(message.event.expansionPaid == ActivationV1.ExpansionPaid(
                ticketID: opened.ticketID, codeID: "code_B", groups: 100, paidAtMs: BillingHarness.start.adding(hours: 3).ms))
            // When activation reports the expansion applied
            let event = BillingV1.ActivationEvent(
                eventID: "act_1/applied", accountID: account, occurredAtMs: BillingHarness.start.adding(hours: 4).ms,
                change: .expansionApplied(BillingV1.ExpansionApplied(
                    ticketID: opened.ticketID, codeID: "code_B", groups: 100, appliedAtMs: BillingHarness.start.adding(hours: 4).ms)))
            let ack: BillingV1.ActivationEventAck = try await harness.call(Billing.deliverActivationEvent, event, operator: true)
            // Then the ticket is APPLIED
            #expect(ack.appliedNow)
            let applied: BillingV1.ExpansionTicket = try await harness.call(
                Billing.getExpansionTicket, BillingV1.GetExpansionTicketRequest(ticketID: opened.ticketID), as: account)
            #expect(applied.state == .applied)
            #expect(applied.appliedAtMs == BillingHarness.start.adding(hours: 4).ms)
        }
    }

    @Test func anActivationEventRedeliveredIsAppliedOnce() async throws {
        try await BillingHarness.run { harness in
            // Given a paid ticket
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account, groups: 2)
            _ = try await harness.call(
                Billing.approveExpansionTicket, BillingV1.ApproveExpansionTicketRequest(ticketID: ticket.ticketID), operator: true)
            _ = try await harness.call(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: account, key: "p")
            let event = BillingV1.ActivationEvent(
                eventID: "act_9", accountID: account, occurredAtMs: BillingHarness.start.ms,
                change: .expansionApplied(BillingV1.ExpansionApplied(ticketID: ticket.ticketID, codeID: "code_B", groups: 2, appliedAtMs: BillingHarness.start.ms)))
            // When the same event arrives twice
            let first: BillingV1.ActivationEventAck = try await harness.call(Billing.deliverActivationEvent, event, operator: true)
            harness.clock.advance(by: .hours(1))
            let again: BillingV1.ActivationEventAck = try await harness.call(Billing.deliverActivationEvent, event, operator: true)
            // Then it is applied the first time only
            #expect(first.appliedNow)
            #expect(again.appliedNow == false)
            let shown: BillingV1.ExpansionTicket = try await harness.call(
                Billing.getExpansionTicket, BillingV1.GetExpansionTicketRequest(ticketID: ticket.ticketID), as: account)
            #expect(shown.state == .applied)
            #expect(shown.appliedAtMs == BillingHarness.start.ms)
        }
    }

    @Test func anActivationEventForAnUnpaidTicketIsRefusedAndNotClaimed() async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account, groups: 2)
            let event = BillingV1.ActivationEvent(
                eventID: "act_early", accountID: account, occurredAtMs: BillingHarness.start.ms,
                change: .expansionApplied(BillingV1.ExpansionApplied(ticketID: ticket.ticketID, codeID: "code_B", groups: 2, appliedAtMs: BillingHarness.start.ms)))
            let refusal = await harness.refusal(
                Billing.deliverActivationEvent, event, operator: true)
            #expect(refusal.code == .failedPrecondition)
            // And once the ticket is paid, the same event id applies it (the refusal claimed nothing)
            _ = try await harness.call(
                Billing.approveExpansionTicket, BillingV1.ApproveExpansionTicketRequest(ticketID: ticket.ticketID), operator: true)
            _ = try await harness.call(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: account, key: "p")
            let ack: BillingV1.ActivationEventAck = try await harness.call(Billing.deliverActivationEvent, event, operator: true)
            #expect(ack.appliedNow)
        }
    }

    @Test func aRejectedTicketCannotBePaid() async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account)
            let noReason = await harness.refusal(
                Billing.rejectExpansionTicket, BillingV1.RejectExpansionTicketRequest(ticketID: ticket.ticketID, reason: ""),
                operator: true)
            #expect(noReason.code == .invalidArgument)
            let rejected: BillingV1.ExpansionTicket = try await harness.call(
                Billing.rejectExpansionTicket,
                BillingV1.RejectExpansionTicketRequest(ticketID: ticket.ticketID, reason: "capacity not available in this region"), operator: true)
            #expect(rejected.state == .rejected)
            #expect(rejected.rejectionReason == "capacity not available in this region")
            let pay = await harness.refusal(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: account, key: "p")
            #expect(pay.code == .failedPrecondition)
            #expect(pay.message.contains("REJECTED"))
        }
    }

    @Test(arguments: [CodeStatus.lapsed, .expired])
    func aTicketCannotBeOpenedForALapsedOrExpiredCode(status: CodeStatus) async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithCode(harness, status: status)
            let refusal = await harness.refusal(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: 1), as: account)
            #expect(refusal.code == .failedPrecondition)
            #expect(refusal.message.contains(status.rawValue))
        }
    }

    @Test func payingNeedsTheFeeActiveAndTheCodeNotExpired() async throws {
        try await BillingHarness.run { harness in
            // Given an approved ticket on code B
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account)
            _ = try await harness.call(
                Billing.approveExpansionTicket, BillingV1.ApproveExpansionTicketRequest(ticketID: ticket.ticketID), operator: true)
            // When the code has expired meanwhile, Then paying is refused, and no order or message is written
            harness.codes.put("code_B", account: account, status: .expired)
            let expired = await harness.refusal(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: account, key: "p")
            #expect(expired.code == .failedPrecondition)
            #expect(expired.message.contains("EXPIRED"))
            // When the fee has lapsed, Then paying is refused before activation is even asked
            harness.codes.put("code_B", account: account, status: .suspended)
            harness.clock.set(.cst(2021, 1, 5, 9, 0))
            let lookups = harness.codes.lookupCount
            let lapsed = await harness.refusal(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: account, key: "p")
            #expect(lapsed.code == .failedPrecondition)
            #expect(lapsed.message.contains("renew the annual fee"))
            #expect(harness.codes.lookupCount == lookups)
            #expect(try await harness.orders(account).count == 1)
            // When the fee is renewed, Then the suspended code's ticket can be paid
            _ = try await harness.buyFee(account)
            let paid: BillingV1.PurchaseResponse = try await harness.call(
                Billing.payExpansionTicket, BillingV1.PayExpansionTicketRequest(ticketID: ticket.ticketID), as: account, key: "p")
            #expect(paid.ticket?.state == .paid)
        }
    }

    @Test func ticketsNeedActivationReachableAndSaySoWhenItIsNot() async throws {
        try await BillingHarness.run { harness in
            // Given activation cannot be reached
            let account = try await Self.customerWithCode(harness)
            harness.codes.setReachable(false)
            // When a ticket is opened, Then it is UNAVAILABLE, saying activation cannot be reached
            let refusal = await harness.refusal(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: 1), as: account)
            #expect(refusal.code == .unavailable)
            #expect(refusal.message.contains("activation"))
            let tickets: BillingV1.ListExpansionTicketsResponse = try await harness.call(
                Billing.listExpansionTickets, BillingV1.ListExpansionTicketsRequest(), as: account)
            #expect(tickets.tickets.isEmpty)
        }
    }

    @Test func theWireDirectoryReportsAnUnreachableActivationAsUnavailable() async throws {
        // Given activation's socket does not exist
        let directory = ActivationCodeDirectory(client: RPCClient(
            socketPath: "\(TemporaryDirectoryPath.make())/activation-admin.sock", defaultDeadline: .milliseconds(300)))
        // When a code is looked up
        do {
            _ = try await directory.code("code_B", ownedBy: "acc_A", for: nil)
            Issue.record("the look-up succeeded without activation")
        } catch let error as RPCError {
            // Then it is UNAVAILABLE, naming activation
            #expect(error.code == .unavailable)
            #expect(error.message.contains("activation service cannot be reached"))
        }
    }

    @Test func malformedTicketRequestsAreRefusedBeforeActivationIsAsked() async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithCode(harness)
            for request in [BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: 0),
                            BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: 10_001),
                            BillingV1.OpenExpansionTicketRequest(codeID: "", groups: 1)] {
                let refusal = await harness.refusal(
                    Billing.openExpansionTicket, request, as: account)
                #expect(refusal.code == .invalidArgument, "\(request)")
            }
            #expect(harness.codes.lookupCount == 0)
        }
    }

    @Test func operatorsListTicketsAcrossAccountsByState() async throws {
        try await BillingHarness.run { harness in
            // Given two accounts with a ticket each, one approved
            let a = try await Self.customerWithCode(harness)
            let first = try await Self.open(harness, a)
            harness.clock.advance(by: .minutes(5))
            let b = try await harness.approvedEnterprise(name: "B")
            harness.codes.put("code_C", account: b, status: .unbound)
            let second: BillingV1.ExpansionTicket = try await harness.call(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_C", groups: 3), as: b)
            _ = try await harness.call(
                Billing.approveExpansionTicket, BillingV1.ApproveExpansionTicketRequest(ticketID: first.ticketID), operator: true)
            // When an operator lists them
            let all: BillingV1.ListExpansionTicketsResponse = try await harness.call(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(), operator: true)
            let pending: BillingV1.ListExpansionTicketsResponse = try await harness.call(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(state: .pendingReview), operator: true)
            let ofB: BillingV1.ListExpansionTicketsResponse = try await harness.call(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(accountID: b), operator: true)
            // Then all come oldest first, and the filters hold
            #expect(all.tickets.map(\.ticketID) == [first.ticketID, second.ticketID])
            #expect(pending.tickets.map(\.ticketID) == [second.ticketID])
            #expect(ofB.tickets.map(\.ticketID) == [second.ticketID])
        }
    }
}

/// A short temporary path (socket paths are limited to 107 bytes).
enum TemporaryDirectoryPath {
    static func make() -> String { "/tmp/hjb-missing-\(UInt32.random(in: 0...UInt32.max))" }
}
