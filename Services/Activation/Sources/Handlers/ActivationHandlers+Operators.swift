import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// Operator methods (operator socket only): expansions, any account's codes, the outbox.
extension ActivationHandlers {
    func applyExpansion(
        _ request: ActivationV1.ApplyExpansionRequest, context _: CallContext
    ) async throws -> ActivationV1.ApplyExpansionResponse {
        guard !request.ticketID.isEmpty else { throw DomainError.invalidArgument("ApplyExpansion needs a ticket_id") }
        let now = clock.now()
        let result = try await store.applyExpansion(ticketID: request.ticketID, at: now)
        if result.appliedNow {
            logger.info("expansion applied", metadata: [
                "ticket.id": "\(request.ticketID)", "code.id": "\(result.code.codeID)",
                "code.masked": "\(result.code.masked)", "expansion.groups": "\(result.expansion.groups)",
                "code.capacity": "\(result.code.code.capacity)",
            ])
        }
        return ActivationV1.ApplyExpansionResponse(
            expansion: ActivationV1.Expansion(result.expansion),
            code: ActivationV1.Code(result.code, at: now, revealSecret: false), appliedNow: result.appliedNow)
    }

    func listPendingExpansions(
        _ request: ActivationV1.ListPendingExpansionsRequest, context _: CallContext
    ) async throws -> ActivationV1.ListExpansionsResponse {
        let page = try await store.pendingExpansions(
            accountID: request.accountID.isEmpty ? nil : request.accountID,
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return ActivationV1.ListExpansionsResponse(
            expansions: page.items.map(ActivationV1.Expansion.init), nextPageToken: page.nextPageToken)
    }

    func listAccountCodes(
        _ request: ActivationV1.ListAccountCodesRequest, context _: CallContext
    ) async throws -> ActivationV1.ListCodesResponse {
        guard !request.accountID.isEmpty else { throw DomainError.invalidArgument("ListAccountCodes needs an account_id") }
        let page = try await store.codes(
            ofAccount: request.accountID, page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        let now = clock.now()
        return ActivationV1.ListCodesResponse(
            codes: page.items.map { ActivationV1.Code($0, at: now, revealSecret: false) }, nextPageToken: page.nextPageToken)
    }

    func getOutboxStatus(_ request: ActivationV1.GetOutboxStatusRequest, context _: CallContext) async throws
        -> ActivationV1.OutboxStatus {
        guard let destination = OutboxDestination.named(request.destination) else {
            throw DomainError.invalidArgument(
                "destination '\(Excerpt.of(request.destination, limit: 32))' is not a peer of activation: use billing or room-session")
        }
        return ActivationV1.OutboxStatus(try await store.outboxReport(to: destination))
    }
}
