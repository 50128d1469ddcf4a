import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// The customers' methods: registering, applying, buying, tickets, orders, refunds (refused).
extension BillingHandlers {
    func registerAccount(_ request: BillingV1.RegisterAccountRequest, context: CallContext) async throws -> BillingV1.RegisterAccountResponse {
        let key = try context.idempotencyKey.map { key throws(DomainError) in
            try Self.checkedKey(key, minimum: Self.minRegistrationKeyLength)
        }
        let registered = try await store.registerAccount(
            kind: try request.kind.domainKind(field: "kind"), displayName: request.displayName, contact: request.contact,
            key: key, at: clock.now())
        return BillingV1.RegisterAccountResponse(account: BillingV1.Account(registered.account), replayed: registered.replayed)
    }

    func applyForFormalService(_: BillingV1.ApplyForFormalServiceRequest, context: CallContext) async throws
        -> BillingV1.ApplyForFormalServiceResponse {
        let application = try await store.submitApplication(accountID: try context.requireAccountID(), at: clock.now())
        return BillingV1.ApplyForFormalServiceResponse(application: BillingV1.Application(application))
    }

    func getAccount(_: BillingV1.GetAccountRequest, context: CallContext) async throws -> BillingV1.AccountDetails {
        let overview = try await store.accountOverview(accountID: try context.requireAccountID())
        return BillingV1.AccountDetails(overview, at: clock.now())
    }

    func purchaseAnnualFee(_: BillingV1.PurchaseAnnualFeeRequest, context: CallContext) async throws -> BillingV1.PurchaseResponse {
        let outcome = try await store.purchaseAnnualFee(
            accountID: try context.requireAccountID(), key: try Self.idempotencyKey(context), at: clock.now())
        return BillingV1.PurchaseResponse(outcome, catalog: store.catalog)
    }

    func purchaseCodes(_ request: BillingV1.PurchaseCodesRequest, context: CallContext) async throws -> BillingV1.PurchaseResponse {
        let outcome = try await store.purchaseCodes(
            accountID: try context.requireAccountID(), key: try Self.idempotencyKey(context),
            kind: try request.kind.domainKind(field: "kind"), quantity: Int(request.quantity),
            addOnGroupsPerCode: try Self.addOnGroups(request), at: clock.now())
        return BillingV1.PurchaseResponse(outcome, catalog: store.catalog)
    }

    /// The add-on per code, from groups or from viewers (a multiple of 100); both given must agree.
    static func addOnGroups(_ request: BillingV1.PurchaseCodesRequest) throws(DomainError) -> Int {
        let groups = Int(request.addonGroupsPerCode)
        guard request.addonViewersPerCode != 0 else { return groups }
        let fromViewers = try ConcurrencyAddOn.groups(forViewers: Int(request.addonViewersPerCode))
        guard groups == 0 || groups == fromViewers else {
            throw .invalidArgument(
                "addon_groups_per_code (\(groups)) and addon_viewers_per_code (\(request.addonViewersPerCode), "
                    + "that is \(fromViewers) groups of 100) disagree; send one of them")
        }
        return fromViewers
    }

    func openExpansionTicket(_ request: BillingV1.OpenExpansionTicketRequest, context: CallContext) async throws
        -> BillingV1.ExpansionTicket {
        let accountID = try context.requireAccountID()
        let codeID = try Self.requiredID(request.codeID, field: "code_id")
        let groups = Int(request.groups)
        let now = clock.now()
        try await store.checkTicketRequest(accountID: accountID, groups: groups, at: now)
        let code = try await codes.code(codeID, ownedBy: accountID, for: context)
        let ticket = try await store.openTicket(accountID: accountID, codeID: codeID, groups: groups, codeStatus: code.status, at: now)
        return BillingV1.ExpansionTicket(ticket, catalog: store.catalog)
    }

    func payExpansionTicket(_ request: BillingV1.PayExpansionTicketRequest, context: CallContext) async throws -> BillingV1.PurchaseResponse {
        let accountID = try context.requireAccountID()
        let key = try Self.idempotencyKey(context)
        let ticketID = try Self.requiredID(request.ticketID, field: "ticket_id")
        let intent = PurchaseIntent.expansion(ticketID: ticketID)
        if let replay = try await store.replayedPurchase(accountID: accountID, key: key, intent: intent) {
            return BillingV1.PurchaseResponse(replay, catalog: store.catalog)
        }
        let now = clock.now()
        let ticket = try await store.checkExpansionPayable(accountID: accountID, ticketID: ticketID, at: now)
        let code = try await codes.code(ticket.codeID, ownedBy: accountID, for: context)
        let outcome = try await store.payExpansion(
            accountID: accountID, key: key, ticketID: ticketID, codeStatus: code.status, at: now)
        return BillingV1.PurchaseResponse(outcome, catalog: store.catalog)
    }

    func listOrders(_ request: BillingV1.ListOrdersRequest, context: CallContext) async throws -> BillingV1.ListOrdersResponse {
        let page = try await store.orders(
            accountID: try context.requireAccountID(), page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return BillingV1.ListOrdersResponse(orders: page.items.map(BillingV1.Order.init), nextPageToken: page.nextPageToken)
    }

    func getOrder(_ request: BillingV1.GetOrderRequest, context: CallContext) async throws -> BillingV1.Order {
        BillingV1.Order(try await store.order(
            accountID: try context.requireAccountID(), orderID: try Self.requiredID(request.orderID, field: "order_id")))
    }

    func listExpansionTickets(_ request: BillingV1.ListExpansionTicketsRequest, context: CallContext) async throws
        -> BillingV1.ListExpansionTicketsResponse {
        let page = try await store.tickets(
            accountID: try context.requireAccountID(), requireAccount: true, state: nil, newestFirst: true,
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return BillingV1.ListExpansionTicketsResponse(
            tickets: page.items.map { BillingV1.ExpansionTicket($0, catalog: store.catalog) }, nextPageToken: page.nextPageToken)
    }

    func getExpansionTicket(_ request: BillingV1.GetExpansionTicketRequest, context: CallContext) async throws -> BillingV1.ExpansionTicket {
        let ticket = try await store.ticket(
            try Self.requiredID(request.ticketID, field: "ticket_id"), ownedBy: try context.requireAccountID())
        return BillingV1.ExpansionTicket(ticket, catalog: store.catalog)
    }

    /// Always refused, with the same answer whatever the order id (so it reveals nothing
    /// about which orders exist): purchases are non-refundable (RULES §3).
    func requestRefund(_: BillingV1.RequestRefundRequest, context _: CallContext) async throws -> BillingV1.RequestRefundResponse {
        throw RefundPolicy.refusal(of: .refund)
    }

    /// Always refused, like `requestRefund`: purchases are final.
    func cancelOrder(_: BillingV1.CancelOrderRequest, context _: CallContext) async throws -> BillingV1.CancelOrderResponse {
        throw RefundPolicy.refusal(of: .cancellation)
    }
}
