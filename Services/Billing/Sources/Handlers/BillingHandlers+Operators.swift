import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// The operators' methods (applications, accounts, tickets, the outbox) and the peer's
/// (activation delivering its events).
extension BillingHandlers {
    func listApplications(_ request: BillingV1.ListApplicationsRequest, context _: CallContext) async throws
        -> BillingV1.ListApplicationsResponse {
        let status = try request.status.filterName(field: "status")
        let page = try await store.latestApplications(
            status: status, page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return BillingV1.ListApplicationsResponse(
            applications: page.items.map { BillingV1.AccountApplication($0.0, $0.1) }, nextPageToken: page.nextPageToken)
    }

    func approveApplication(_ request: BillingV1.ApproveApplicationRequest, context _: CallContext) async throws
        -> BillingV1.AccountApplication {
        let (account, application) = try await store.decideApplication(
            accountID: try Self.requiredID(request.accountID, field: "account_id"), .approve, at: clock.now())
        return BillingV1.AccountApplication(account, application)
    }

    func rejectApplication(_ request: BillingV1.RejectApplicationRequest, context _: CallContext) async throws
        -> BillingV1.AccountApplication {
        let (account, application) = try await store.decideApplication(
            accountID: try Self.requiredID(request.accountID, field: "account_id"), .reject(reason: request.reason), at: clock.now())
        return BillingV1.AccountApplication(account, application)
    }

    func listAccounts(_ request: BillingV1.ListAccountsRequest, context _: CallContext) async throws -> BillingV1.ListAccountsResponse {
        let page = try await store.accounts(page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        let now = clock.now()
        return BillingV1.ListAccountsResponse(
            accounts: page.items.map { BillingV1.AccountDetails($0, at: now) }, nextPageToken: page.nextPageToken)
    }

    func listAllExpansionTickets(_ request: BillingV1.ListAllExpansionTicketsRequest, context _: CallContext) async throws
        -> BillingV1.ListExpansionTicketsResponse {
        let state = try request.state.filterName(field: "state")
        let page = try await store.tickets(
            accountID: request.accountID.isEmpty ? nil : request.accountID, state: state, newestFirst: false,
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return BillingV1.ListExpansionTicketsResponse(
            tickets: page.items.map { BillingV1.ExpansionTicket($0, catalog: store.catalog) }, nextPageToken: page.nextPageToken)
    }

    func approveExpansionTicket(_ request: BillingV1.ApproveExpansionTicketRequest, context _: CallContext) async throws
        -> BillingV1.ExpansionTicket {
        let ticket = try await store.decideTicket(try Self.requiredID(request.ticketID, field: "ticket_id"), .approve, at: clock.now())
        return BillingV1.ExpansionTicket(ticket, catalog: store.catalog)
    }

    func rejectExpansionTicket(_ request: BillingV1.RejectExpansionTicketRequest, context _: CallContext) async throws
        -> BillingV1.ExpansionTicket {
        let ticket = try await store.decideTicket(
            try Self.requiredID(request.ticketID, field: "ticket_id"), .reject(reason: request.reason), at: clock.now())
        return BillingV1.ExpansionTicket(ticket, catalog: store.catalog)
    }

    func getOutboxStatus(_: BillingV1.GetOutboxStatusRequest, context _: CallContext) async throws -> BillingV1.OutboxStatus {
        BillingV1.OutboxStatus(try await store.outboxReport())
    }

    /// Activation's relay delivers here. The event is checked before anything is claimed: a
    /// refusal (malformed: INVALID_ARGUMENT; a change this build does not know:
    /// FAILED_PRECONDITION, so the sender parks that account's messages and retries) leaves
    /// its event id unclaimed.
    func deliverActivationEvent(_ event: BillingV1.ActivationEvent, context _: CallContext) async throws -> BillingV1.ActivationEventAck {
        let report = try ActivationReport(event)
        return BillingV1.ActivationEventAck(appliedNow: try await store.apply(report, at: clock.now()))
    }
}
