import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

/// Every Swift mirror of billing.proto names only fields its message has (a misspelt field
/// throws), and survives a round trip with every field set.
@Suite struct BillingContractTests {
    static let t = Instant.cst(2020, 5, 1, 15, 0)

    static func roundTrips<M: WireMessage & Equatable>(_ message: M) throws -> Bool {
        try M(serializedBytes: message.serializedBytes()) == message
    }

    static let account = AccountMessage(accountId: "acc_1", kind: .enterprise, displayName: "Acme", contact: "a@b.c", registeredAtMs: t)
    static let application = ApplicationMessage(
        status: .rejected, submittedAtMs: t, decisionDueMs: t.adding(hours: 1), decidedAtMs: t, rejectionReason: "why")
    static let details = AccountDetails(
        account: account, application: application,
        fee: FeeStatusMessage(active: false, activeUntilMs: t, lastEndedMs: t, terms: [BillingFeeTerm(startMs: t, endMs: t.adding(hours: 2))]),
        orders: OrdersSummaryMessage(orderCount: 2, totalSpentFen: 14_000_000, pendingFulfilment: 1, lastOrderAtMs: t), asOfMs: t)
    static let order = OrderMessage(
        orderId: "ord_1", accountId: "acc_1", kind: .codes, placedAtMs: t,
        lines: [OrderLineMessage(item: .concurrencyAddOn, quantity: 4, unitPriceFen: 1_000_000, totalFen: 4_000_000)],
        totalFen: 4_000_000, fulfilment: .fulfilled, idempotencyKey: "k", codeKind: .standard, codeQuantity: 2,
        addonGroupsPerCode: 2, ticketId: "tkt_1", feeActiveUntilMs: t)
    static let ticket = ExpansionTicketMessage(
        ticketId: "tkt_1", accountId: "acc_1", codeId: "code_1", groups: 100, addedViewers: 10_000, state: .applied,
        rejectionReason: "r", priceFen: 100_000_000, openedAtMs: t, decidedAtMs: t, paidAtMs: t, appliedAtMs: t, orderId: "ord_1")
    static let outboxMessage = BillingOutboxMessage(
        sequence: 7, messageId: "ord_1/codes", method: "m", createdAtMs: t, attempts: 3, lastError: "e", deliveredAtMs: t)

    @Test func billingMessagesMatchTheirProto() throws {
        #expect(try Self.roundTrips(Self.details))
        #expect(try Self.roundTrips(AccountApplication(account: Self.account, application: Self.application)))
        #expect(try Self.roundTrips(RegisterAccountRequest(kind: .individual, displayName: "n", contact: "c")))
        #expect(try Self.roundTrips(RegisterAccountResponse(account: Self.account)))
        #expect(try Self.roundTrips(ApplyForFormalServiceRequest()))
        #expect(try Self.roundTrips(ApplyForFormalServiceResponse(application: Self.application)))
        #expect(try Self.roundTrips(GetAccountRequest()))
        #expect(try Self.roundTrips(PurchaseAnnualFeeRequest()))
        #expect(try Self.roundTrips(PurchaseCodesRequest(kind: .flagship, quantity: 2, addonGroupsPerCode: 1, addonViewersPerCode: 100)))
        #expect(try Self.roundTrips(PayExpansionTicketRequest(ticketId: "tkt_1")))
        #expect(try Self.roundTrips(PurchaseResponse(order: Self.order, replayed: true, ticket: Self.ticket)))
        #expect(try Self.roundTrips(OpenExpansionTicketRequest(codeId: "code_1", groups: 3)))
        #expect(try Self.roundTrips(ListOrdersRequest(pageSize: 5, pageToken: "p")))
        #expect(try Self.roundTrips(ListOrdersResponse(orders: [Self.order], nextPageToken: "n")))
        #expect(try Self.roundTrips(GetOrderRequest(orderId: "ord_1")))
        #expect(try Self.roundTrips(ListExpansionTicketsRequest(pageSize: 5, pageToken: "p")))
        #expect(try Self.roundTrips(ListExpansionTicketsResponse(tickets: [Self.ticket], nextPageToken: "n")))
        #expect(try Self.roundTrips(GetExpansionTicketRequest(ticketId: "tkt_1")))
        #expect(try Self.roundTrips(RequestRefundRequest(orderId: "ord_1", reason: "r")))
        #expect(try Self.roundTrips(RequestRefundResponse()))
        #expect(try Self.roundTrips(CancelOrderRequest(orderId: "ord_1")))
        #expect(try Self.roundTrips(CancelOrderResponse()))
        #expect(try Self.roundTrips(ListApplicationsRequest(status: .pending, pageSize: 5, pageToken: "p")))
        #expect(try Self.roundTrips(ListApplicationsResponse(
            applications: [AccountApplication(account: Self.account, application: Self.application)], nextPageToken: "n")))
        #expect(try Self.roundTrips(ApproveApplicationRequest(accountId: "acc_1")))
        #expect(try Self.roundTrips(RejectApplicationRequest(accountId: "acc_1", reason: "r")))
        #expect(try Self.roundTrips(ListAccountsRequest(pageSize: 5, pageToken: "p")))
        #expect(try Self.roundTrips(ListAccountsResponse(accounts: [Self.details], nextPageToken: "n")))
        #expect(try Self.roundTrips(ListAllExpansionTicketsRequest(state: .paid, accountId: "acc_1", pageSize: 5, pageToken: "p")))
        #expect(try Self.roundTrips(ApproveExpansionTicketRequest(ticketId: "tkt_1")))
        #expect(try Self.roundTrips(RejectExpansionTicketRequest(ticketId: "tkt_1", reason: "r")))
        #expect(try Self.roundTrips(BillingOutboxStatusRequest()))
        #expect(try Self.roundTrips(BillingOutboxStatus(
            backlog: 1, delivered: 2, oldestUndeliveredAtMs: Self.t, lastError: "e",
            waiting: [Self.outboxMessage], recent: [Self.outboxMessage])))
    }
}
