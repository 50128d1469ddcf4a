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

    static func open(_ harness: BillingHarness, _ account: String, groups: UInt32 = 100) async throws -> ExpansionTicketMessage {
        try await harness.call(BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_B", groups: groups), as: account)
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
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: opened.ticketId), as: account, key: "pay",
                returning: PurchaseResponse.self)
            #expect(early.code == .failedPrecondition)
            #expect(early.message.contains("PENDING_REVIEW"))
            // When an operator approves it, and the customer pays
            harness.clock.advance(by: .hours(2))
            let approved: ExpansionTicketMessage = try await harness.call(
                BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: opened.ticketId), operator: true)
            #expect(approved.state == .approved)
            harness.clock.advance(by: .hours(1))
            let paid: PurchaseResponse = try await harness.call(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: opened.ticketId), as: account, key: "pay")
            // Then an order of 100 × 10,000 CNY is placed and the ticket is PAID
            let order = try #require(paid.order)
            #expect(order.kind == .expansion)
            #expect(order.ticketId == opened.ticketId)
            #expect(order.lines == [OrderLineMessage(item: .expansion, quantity: 100, unitPriceFen: 1_000_000, totalFen: 100_000_000)])
            #expect(paid.ticket?.state == .paid)
            #expect(paid.ticket?.orderId == order.orderId)
            #expect(paid.ticket?.paidAtMs == BillingHarness.start.adding(hours: 3))
            // And activation is told, keyed by the ticket
            let message = try #require(try await harness.outbox().last)
            #expect(message.id == "\(opened.ticketId)/paid")
            #expect(message.event.expansionPaid == ExpansionPaid(
                ticketId: opened.ticketId, codeId: "code_B", groups: 100, paidAtMs: BillingHarness.start.adding(hours: 3)))
            // When activation reports the expansion applied
            let event = ActivationEvent(
                eventId: "act_1/applied", accountId: account, occurredAtMs: BillingHarness.start.adding(hours: 4),
                expansionApplied: ExpansionApplied(
                    ticketId: opened.ticketId, codeId: "code_B", groups: 100, appliedAtMs: BillingHarness.start.adding(hours: 4)))
            let ack: ActivationEventAck = try await harness.call(BillingMethods.deliverActivationEvent, event, operator: true)
            // Then the ticket is APPLIED
            #expect(ack.appliedNow)
            let applied: ExpansionTicketMessage = try await harness.call(
                BillingMethods.getExpansionTicket, GetExpansionTicketRequest(ticketId: opened.ticketId), as: account)
            #expect(applied.state == .applied)
            #expect(applied.appliedAtMs == BillingHarness.start.adding(hours: 4))
        }
    }

    @Test func anActivationEventRedeliveredIsAppliedOnce() async throws {
        try await BillingHarness.run { harness in
            // Given a paid ticket
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account, groups: 2)
            let _: ExpansionTicketMessage = try await harness.call(
                BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: ticket.ticketId), operator: true)
            let _: PurchaseResponse = try await harness.call(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticket.ticketId), as: account, key: "p")
            let event = ActivationEvent(
                eventId: "act_9", accountId: account, occurredAtMs: BillingHarness.start,
                expansionApplied: ExpansionApplied(ticketId: ticket.ticketId, codeId: "code_B", groups: 2, appliedAtMs: BillingHarness.start))
            // When the same event arrives twice
            let first: ActivationEventAck = try await harness.call(BillingMethods.deliverActivationEvent, event, operator: true)
            harness.clock.advance(by: .hours(1))
            let again: ActivationEventAck = try await harness.call(BillingMethods.deliverActivationEvent, event, operator: true)
            // Then it is applied the first time only
            #expect(first.appliedNow)
            #expect(again.appliedNow == false)
            let shown: ExpansionTicketMessage = try await harness.call(
                BillingMethods.getExpansionTicket, GetExpansionTicketRequest(ticketId: ticket.ticketId), as: account)
            #expect(shown.state == .applied)
            #expect(shown.appliedAtMs == BillingHarness.start)
        }
    }

    @Test func anActivationEventForAnUnpaidTicketIsRefusedAndNotClaimed() async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account, groups: 2)
            let event = ActivationEvent(
                eventId: "act_early", accountId: account, occurredAtMs: BillingHarness.start,
                expansionApplied: ExpansionApplied(ticketId: ticket.ticketId, codeId: "code_B", groups: 2, appliedAtMs: BillingHarness.start))
            let refusal = await harness.refusal(
                BillingMethods.deliverActivationEvent, event, operator: true, returning: ActivationEventAck.self)
            #expect(refusal.code == .failedPrecondition)
            // And once the ticket is paid, the same event id applies it (the refusal claimed nothing)
            let _: ExpansionTicketMessage = try await harness.call(
                BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: ticket.ticketId), operator: true)
            let _: PurchaseResponse = try await harness.call(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticket.ticketId), as: account, key: "p")
            let ack: ActivationEventAck = try await harness.call(BillingMethods.deliverActivationEvent, event, operator: true)
            #expect(ack.appliedNow)
        }
    }

    @Test func aRejectedTicketCannotBePaid() async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account)
            let noReason = await harness.refusal(
                BillingMethods.rejectExpansionTicket, RejectExpansionTicketRequest(ticketId: ticket.ticketId, reason: ""),
                operator: true, returning: ExpansionTicketMessage.self)
            #expect(noReason.code == .invalidArgument)
            let rejected: ExpansionTicketMessage = try await harness.call(
                BillingMethods.rejectExpansionTicket,
                RejectExpansionTicketRequest(ticketId: ticket.ticketId, reason: "capacity not available in this region"), operator: true)
            #expect(rejected.state == .rejected)
            #expect(rejected.rejectionReason == "capacity not available in this region")
            let pay = await harness.refusal(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticket.ticketId), as: account, key: "p",
                returning: PurchaseResponse.self)
            #expect(pay.code == .failedPrecondition)
            #expect(pay.message.contains("REJECTED"))
        }
    }

    @Test(arguments: [CodeStatus.lapsed, .expired])
    func aTicketCannotBeOpenedForALapsedOrExpiredCode(status: CodeStatus) async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithCode(harness, status: status)
            let refusal = await harness.refusal(
                BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_B", groups: 1), as: account,
                returning: ExpansionTicketMessage.self)
            #expect(refusal.code == .failedPrecondition)
            #expect(refusal.message.contains(status.rawValue))
        }
    }

    @Test func payingNeedsTheFeeActiveAndTheCodeNotExpired() async throws {
        try await BillingHarness.run { harness in
            // Given an approved ticket on code B
            let account = try await Self.customerWithCode(harness)
            let ticket = try await Self.open(harness, account)
            let _: ExpansionTicketMessage = try await harness.call(
                BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: ticket.ticketId), operator: true)
            // When the code has expired meanwhile, Then paying is refused, and no order or message is written
            harness.codes.put("code_B", account: account, status: .expired)
            let expired = await harness.refusal(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticket.ticketId), as: account, key: "p",
                returning: PurchaseResponse.self)
            #expect(expired.code == .failedPrecondition)
            #expect(expired.message.contains("EXPIRED"))
            // When the fee has lapsed, Then paying is refused before activation is even asked
            harness.codes.put("code_B", account: account, status: .suspended)
            harness.clock.set(.cst(2021, 1, 5, 9, 0))
            let lookups = harness.codes.lookupCount
            let lapsed = await harness.refusal(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticket.ticketId), as: account, key: "p",
                returning: PurchaseResponse.self)
            #expect(lapsed.code == .failedPrecondition)
            #expect(lapsed.message.contains("renew the annual fee"))
            #expect(harness.codes.lookupCount == lookups)
            #expect(try await harness.orders(account).count == 1)
            // When the fee is renewed, Then the suspended code's ticket can be paid
            _ = try await harness.buyFee(account)
            let paid: PurchaseResponse = try await harness.call(
                BillingMethods.payExpansionTicket, PayExpansionTicketRequest(ticketId: ticket.ticketId), as: account, key: "p")
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
                BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_B", groups: 1), as: account,
                returning: ExpansionTicketMessage.self)
            #expect(refusal.code == .unavailable)
            #expect(refusal.message.contains("activation"))
            let tickets: ListExpansionTicketsResponse = try await harness.call(
                BillingMethods.listExpansionTickets, ListExpansionTicketsRequest(), as: account)
            #expect(tickets.tickets.isEmpty)
        }
    }

    @Test func theWireDirectoryReportsAnUnreachableActivationAsUnavailable() async throws {
        // Given activation's socket does not exist
        let directory = ActivationCodeDirectory(client: RPCClient(socketPath: "\(TemporaryDirectoryPath.make())/activation-admin.sock"))
        // When a code is looked up
        do {
            _ = try await directory.code("code_B", ownedBy: "acc_A")
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
            for request in [OpenExpansionTicketRequest(codeId: "code_B", groups: 0),
                            OpenExpansionTicketRequest(codeId: "code_B", groups: 10_001),
                            OpenExpansionTicketRequest(codeId: "", groups: 1)] {
                let refusal = await harness.refusal(
                    BillingMethods.openExpansionTicket, request, as: account, returning: ExpansionTicketMessage.self)
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
            let second: ExpansionTicketMessage = try await harness.call(
                BillingMethods.openExpansionTicket, OpenExpansionTicketRequest(codeId: "code_C", groups: 3), as: b)
            let _: ExpansionTicketMessage = try await harness.call(
                BillingMethods.approveExpansionTicket, ApproveExpansionTicketRequest(ticketId: first.ticketId), operator: true)
            // When an operator lists them
            let all: ListExpansionTicketsResponse = try await harness.call(
                BillingMethods.listAllExpansionTickets, ListAllExpansionTicketsRequest(), operator: true)
            let pending: ListExpansionTicketsResponse = try await harness.call(
                BillingMethods.listAllExpansionTickets, ListAllExpansionTicketsRequest(state: .pendingReview), operator: true)
            let ofB: ListExpansionTicketsResponse = try await harness.call(
                BillingMethods.listAllExpansionTickets, ListAllExpansionTicketsRequest(accountId: b), operator: true)
            // Then all come oldest first, and the filters hold
            #expect(all.tickets.map(\.ticketId) == [first.ticketId, second.ticketId])
            #expect(pending.tickets.map(\.ticketId) == [second.ticketId])
            #expect(ofB.tickets.map(\.ticketId) == [second.ticketId])
        }
    }
}

/// A short temporary path (socket paths are limited to 107 bytes).
enum TemporaryDirectoryPath {
    static func make() -> String { "/tmp/hjb-missing-\(UInt32.random(in: 0...UInt32.max))" }
}
