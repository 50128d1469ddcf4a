import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// The handlers of `huanju.billing.v1.Billing`: decode nothing, know no transport; each
/// reads "now" once from the clock, asks the store (and, for tickets, the code directory)
/// and answers a wire message. Errors are `DomainError`s (mapped to their status) or
/// `RPCError`s.
struct BillingHandlers: Sendable {
    let store: BillingStore
    let clock: any BusinessClock
    let codes: any CodeDirectory

    /// The longest idempotency key accepted, in bytes.
    static let maxKeyLength = 200
    /// The shortest idempotency key `RegisterAccount` accepts, in bytes: its keys are not
    /// scoped to an account, so they must be hard to guess (a UUID is 36).
    static let minRegistrationKeyLength = 16

    /// The caller's idempotency key (the router checked it is present), bounded in length.
    static func idempotencyKey(_ context: CallContext) throws -> String {
        try checkedKey(try context.requireIdempotencyKey(), minimum: 1)
    }

    private static func checkedKey(_ key: String, minimum: Int) throws(DomainError) -> String {
        guard (minimum...maxKeyLength).contains(key.utf8.count) else {
            throw .invalidArgument(
                "idempotency-key must be \(minimum)–\(maxKeyLength) bytes long; got \(key.utf8.count): use a UUID or similar")
        }
        return key
    }

    /// A required id field, or `invalidArgument` naming it.
    static func requiredID(_ value: String, field: String) throws(DomainError) -> String {
        guard !value.isEmpty else { throw .invalidArgument("\(field) is required") }
        return value
    }
}

// MARK: - Customers

extension BillingHandlers {
    func registerAccount(_ request: RegisterAccountRequest, _ context: CallContext) async throws -> RegisterAccountResponse {
        let key = try context.idempotencyKey.map { key throws(DomainError) in try Self.checkedKey(key, minimum: Self.minRegistrationKeyLength) }
        let registered = try await store.registerAccount(
            kind: try request.kind.domainKind(), displayName: request.displayName, contact: request.contact, key: key,
            at: clock.now())
        return RegisterAccountResponse(account: AccountMessage(registered.account), replayed: registered.replayed)
    }

    func applyForFormalService(_: ApplyForFormalServiceRequest, _ context: CallContext) async throws -> ApplyForFormalServiceResponse {
        let application = try await store.submitApplication(accountID: try context.requireAccountID(), at: clock.now())
        return ApplyForFormalServiceResponse(application: ApplicationMessage(application))
    }

    func getAccount(_: GetAccountRequest, _ context: CallContext) async throws -> AccountDetails {
        let overview = try await store.accountOverview(accountID: try context.requireAccountID())
        return AccountDetails(overview, at: clock.now())
    }

    func purchaseAnnualFee(_: PurchaseAnnualFeeRequest, _ context: CallContext) async throws -> PurchaseResponse {
        let outcome = try await store.purchaseAnnualFee(
            accountID: try context.requireAccountID(), key: try Self.idempotencyKey(context), at: clock.now())
        return PurchaseResponse(outcome, catalog: store.catalog)
    }

    func purchaseCodes(_ request: PurchaseCodesRequest, _ context: CallContext) async throws -> PurchaseResponse {
        let outcome = try await store.purchaseCodes(
            accountID: try context.requireAccountID(), key: try Self.idempotencyKey(context),
            kind: try request.kind.domainKind(), quantity: Int(request.quantity),
            addOnGroupsPerCode: try Self.addOnGroups(request), at: clock.now())
        return PurchaseResponse(outcome, catalog: store.catalog)
    }

    /// The add-on per code, from groups or from viewers (a multiple of 100); both given must agree.
    static func addOnGroups(_ request: PurchaseCodesRequest) throws(DomainError) -> Int {
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

    func openExpansionTicket(_ request: OpenExpansionTicketRequest, _ context: CallContext) async throws -> ExpansionTicketMessage {
        let accountID = try context.requireAccountID()
        let codeID = try Self.requiredID(request.codeId, field: "code_id")
        let groups = Int(request.groups)
        let now = clock.now()
        try await store.checkTicketRequest(accountID: accountID, groups: groups, at: now)
        let code = try await codes.code(codeID, ownedBy: accountID)
        let record = try await store.openTicket(accountID: accountID, codeID: codeID, groups: groups, codeStatus: code.status, at: now)
        return ExpansionTicketMessage(record, catalog: store.catalog)
    }

    func payExpansionTicket(_ request: PayExpansionTicketRequest, _ context: CallContext) async throws -> PurchaseResponse {
        let accountID = try context.requireAccountID()
        let key = try Self.idempotencyKey(context)
        let ticketID = try Self.requiredID(request.ticketId, field: "ticket_id")
        let intent = PurchaseIntent.expansion(ticketID: ticketID)
        if let replay = try await store.replayedPurchase(accountID: accountID, key: key, intent: intent) {
            return PurchaseResponse(replay, catalog: store.catalog)
        }
        let now = clock.now()
        let ticket = try await store.checkExpansionPayable(accountID: accountID, ticketID: ticketID, at: now)
        let code = try await codes.code(ticket.codeID, ownedBy: accountID)
        let outcome = try await store.payExpansion(
            accountID: accountID, key: key, ticketID: ticketID, codeStatus: code.status, at: now)
        return PurchaseResponse(outcome, catalog: store.catalog)
    }

    func listOrders(_ request: ListOrdersRequest, _ context: CallContext) async throws -> ListOrdersResponse {
        let page = try await store.orders(
            accountID: try context.requireAccountID(), page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return ListOrdersResponse(orders: page.items.map(OrderMessage.init), nextPageToken: page.nextPageToken)
    }

    func getOrder(_ request: GetOrderRequest, _ context: CallContext) async throws -> OrderMessage {
        OrderMessage(try await store.order(
            accountID: try context.requireAccountID(), orderID: try Self.requiredID(request.orderId, field: "order_id")))
    }

    func listExpansionTickets(_ request: ListExpansionTicketsRequest, _ context: CallContext) async throws -> ListExpansionTicketsResponse {
        let accountID = try context.requireAccountID()
        _ = try await store.accountOverview(accountID: accountID)
        let page = try await store.tickets(
            accountID: accountID, state: nil, newestFirst: true,
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return ListExpansionTicketsResponse(
            tickets: page.items.map { ExpansionTicketMessage($0, catalog: store.catalog) }, nextPageToken: page.nextPageToken)
    }

    func getExpansionTicket(_ request: GetExpansionTicketRequest, _ context: CallContext) async throws -> ExpansionTicketMessage {
        let record = try await store.ticket(
            try Self.requiredID(request.ticketId, field: "ticket_id"), ownedBy: try context.requireAccountID())
        return ExpansionTicketMessage(record, catalog: store.catalog)
    }

    /// Always refused, with the same answer whatever the order id (so it reveals nothing
    /// about which orders exist): purchases are non-refundable (RULES §3).
    func requestRefund(_: RequestRefundRequest, _: CallContext) async throws -> RequestRefundResponse {
        throw RefundPolicy.refusal(of: .refund)
    }

    /// Always refused, like `requestRefund`: purchases are final.
    func cancelOrder(_: CancelOrderRequest, _: CallContext) async throws -> CancelOrderResponse {
        throw RefundPolicy.refusal(of: .cancellation)
    }
}

// MARK: - Operators and peers

extension BillingHandlers {
    func listApplications(_ request: ListApplicationsRequest, _: CallContext) async throws -> ListApplicationsResponse {
        let page = try await store.latestApplications(
            status: request.status == .unspecified ? nil : request.status.name,
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return ListApplicationsResponse(
            applications: page.items.map { AccountApplication(account: AccountMessage($0.0), application: ApplicationMessage($0.1)) },
            nextPageToken: page.nextPageToken)
    }

    func approveApplication(_ request: ApproveApplicationRequest, _: CallContext) async throws -> AccountApplication {
        let (account, application) = try await store.decideApplication(
            accountID: try Self.requiredID(request.accountId, field: "account_id"), .approve, at: clock.now())
        return AccountApplication(account: AccountMessage(account), application: ApplicationMessage(application))
    }

    func rejectApplication(_ request: RejectApplicationRequest, _: CallContext) async throws -> AccountApplication {
        let (account, application) = try await store.decideApplication(
            accountID: try Self.requiredID(request.accountId, field: "account_id"), .reject(reason: request.reason), at: clock.now())
        return AccountApplication(account: AccountMessage(account), application: ApplicationMessage(application))
    }

    func listAccounts(_ request: ListAccountsRequest, _: CallContext) async throws -> ListAccountsResponse {
        let page = try await store.accounts(page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        let now = clock.now()
        return ListAccountsResponse(accounts: page.items.map { AccountDetails($0, at: now) }, nextPageToken: page.nextPageToken)
    }

    func listAllExpansionTickets(_ request: ListAllExpansionTicketsRequest, _: CallContext) async throws -> ListExpansionTicketsResponse {
        let page = try await store.tickets(
            accountID: request.accountId.isEmpty ? nil : request.accountId,
            state: request.state == .unspecified ? nil : request.state.name, newestFirst: false,
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return ListExpansionTicketsResponse(
            tickets: page.items.map { ExpansionTicketMessage($0, catalog: store.catalog) }, nextPageToken: page.nextPageToken)
    }

    func approveExpansionTicket(_ request: ApproveExpansionTicketRequest, _: CallContext) async throws -> ExpansionTicketMessage {
        let record = try await store.decideTicket(try Self.requiredID(request.ticketId, field: "ticket_id"), .approve, at: clock.now())
        return ExpansionTicketMessage(record, catalog: store.catalog)
    }

    func rejectExpansionTicket(_ request: RejectExpansionTicketRequest, _: CallContext) async throws -> ExpansionTicketMessage {
        let record = try await store.decideTicket(
            try Self.requiredID(request.ticketId, field: "ticket_id"), .reject(reason: request.reason), at: clock.now())
        return ExpansionTicketMessage(record, catalog: store.catalog)
    }

    func getOutboxStatus(_: BillingOutboxStatusRequest, _: CallContext) async throws -> BillingOutboxStatus {
        BillingOutboxStatus(try await store.outboxReport())
    }

    func deliverActivationEvent(_ event: ActivationEvent, _: CallContext) async throws -> ActivationEventAck {
        ActivationEventAck(appliedNow: try await store.applyActivationEvent(event, at: clock.now()))
    }
}
