import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire
import Logging

/// The handlers of `huanju.activation.v1.Activation`: each reads "now" once from the clock,
/// asks the store, and turns the answer into a wire message. No transport types.
struct ActivationHandlers: Sendable {
    let store: ActivationStore
    let clock: any BusinessClock
    let logger: Logger
    let bindLimit: BindRateLimit

    // MARK: Customers

    func listCodes(_ request: ListCodesRequest, _ context: CallContext) async throws -> ListCodesResponse {
        let account = try context.requireAccountID()
        let page = try await store.codes(ofAccount: account, page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        let now = clock.now()
        return ListCodesResponse(
            codes: page.items.map { CodeMessage($0, at: now, revealSecret: true) }, nextPageToken: page.nextPageToken)
    }

    func getCode(_ request: GetCodeRequest, _ context: CallContext) async throws -> CodeMessage {
        let account = try context.requireAccountID()
        guard !request.codeId.isEmpty else { throw DomainError.invalidArgument("GetCode needs a code_id") }
        guard let stored = try await store.code(id: request.codeId, ofAccount: account) else {
            throw Self.noSuchCode(request.codeId)
        }
        return CodeMessage(stored, at: clock.now(), revealSecret: true)
    }

    func bindCode(_ request: BindCodeRequest, _ context: CallContext) async throws -> BindCodeResponse {
        let account = try context.requireAccountID()
        let now = clock.now()
        let attempt = BindAttempt(
            accountId: account, text: request.code, deviceId: request.deviceId, wechatOpenId: request.wechatOpenid)
        switch try await store.bind(attempt, limit: bindLimit, at: now) {
        case .bound(let stored, let newly):
            if newly {
                logger.info("code bound", metadata: [
                    "account.id": "\(account)", "code.id": "\(stored.codeId)", "code.masked": "\(stored.masked)",
                    "code.valid_until": "\(stored.code.validityEnd.map(\.description) ?? "")",
                ])
            }
            return BindCodeResponse(code: CodeMessage(stored, at: now, revealSecret: true), newlyBound: newly)
        case .refused(let error, let wrongCode):
            if wrongCode || error.code == .resourceExhausted {
                logger.notice("bind refused: wrong code", metadata: [
                    "account.id": "\(account)", "rpc.status": "\(error.code)",
                ])
            }
            throw error
        }
    }

    // MARK: Operators

    func applyExpansion(_ request: ApplyExpansionRequest, _: CallContext) async throws -> ApplyExpansionResponse {
        guard !request.ticketId.isEmpty else { throw DomainError.invalidArgument("ApplyExpansion needs a ticket_id") }
        let now = clock.now()
        let result = try await store.applyExpansion(ticketId: request.ticketId, at: now)
        if result.appliedNow {
            logger.info("expansion applied", metadata: [
                "ticket.id": "\(request.ticketId)", "code.id": "\(result.code.codeId)",
                "code.masked": "\(result.code.masked)", "expansion.groups": "\(result.expansion.groups)",
                "code.capacity": "\(result.code.code.capacity)",
            ])
        }
        return ApplyExpansionResponse(
            expansion: ExpansionMessage(result.expansion), code: CodeMessage(result.code, at: now, revealSecret: false),
            appliedNow: result.appliedNow)
    }

    func listPendingExpansions(_ request: ListPendingExpansionsRequest, _: CallContext) async throws -> ListExpansionsResponse {
        let page = try await store.pendingExpansions(
            accountId: request.accountId.isEmpty ? nil : request.accountId,
            page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        return ListExpansionsResponse(expansions: page.items.map(ExpansionMessage.init), nextPageToken: page.nextPageToken)
    }

    func listAccountCodes(_ request: ListAccountCodesRequest, _: CallContext) async throws -> ListCodesResponse {
        guard !request.accountId.isEmpty else { throw DomainError.invalidArgument("ListAccountCodes needs an account_id") }
        let page = try await store.codes(
            ofAccount: request.accountId, page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        let now = clock.now()
        return ListCodesResponse(
            codes: page.items.map { CodeMessage($0, at: now, revealSecret: false) }, nextPageToken: page.nextPageToken)
    }

    func getOutboxStatus(_: GetOutboxStatusRequest, _: CallContext) async throws -> OutboxStatusMessage {
        let report = try await store.outboxReport()
        return OutboxStatusMessage(
            backlog: UInt32(clamping: report.backlog), delivered: UInt64(max(report.delivered, 0)),
            waiting: report.waiting.map(OutboxMessageInfo.init), recent: report.recent.map(OutboxMessageInfo.init))
    }

    // MARK: Peers

    func deliverBillingEvent(_ event: BillingEvent, _: CallContext) async throws -> BillingEventAck {
        let change = try BillingChange(event)
        let outcome = try await store.apply(change, receivedAt: clock.now())
        var metadata: Logger.Metadata = ["event.id": "\(change.eventId)", "account.id": "\(change.accountId)"]
        switch outcome {
        case .redelivered:
            logger.debug("billing event redelivered: already applied", metadata: metadata)
        case .feeTermsReplaced(let terms):
            metadata["fee.terms"] = "\(terms)"
            logger.info("fee terms replaced", metadata: metadata)
        case .feeTermsOutdated:
            logger.notice("fee terms older than the copy held: kept the newer copy", metadata: metadata)
        case .codesIssued(let codes):
            metadata["codes.count"] = "\(codes.count)"
            metadata["order.id"] = "\(codes.first?.orderId ?? "")"
            metadata["code.ids"] = "\(codes.map(\.codeId).joined(separator: ","))"
            logger.info("codes issued", metadata: metadata)
        case .expansionRecorded(let expansion, let codeKnown):
            metadata["ticket.id"] = "\(expansion.ticketId)"
            metadata["code.id"] = "\(expansion.codeId)"
            if codeKnown {
                logger.info("paid expansion recorded; waiting for an operator to apply it", metadata: metadata)
            } else {
                logger.error("paid expansion names a code this account does not hold here; it cannot be applied",
                             metadata: metadata)
            }
        case .expansionAlreadyRecorded:
            logger.notice("paid expansion recorded before under another event id: ignored", metadata: metadata)
        }
        return BillingEventAck(appliedNow: outcome.appliedNow)
    }

    /// May this device + WeChat id start a broadcast with this code now? Checked in the
    /// order of `BroadcastPlan.paid`: ids present, the caller is the binding, the code usable.
    /// When the caller passes `account-id` metadata (room-session forwards the host's account),
    /// a code of another account is NOT_FOUND in the words used for an unknown one, before
    /// anything about its binding or status is looked at.
    func authorizeBroadcast(_ request: AuthorizeBroadcastRequest, _ context: CallContext) async throws -> AuthorizeBroadcastResponse {
        let secret: CodeSecret
        do throws(CodeSecret.ParseError) {
            secret = try CodeSecret(parsing: request.code)
        } catch {
            throw error.domainError
        }
        guard let stored = try await store.code(secret: secret),
              context.accountID.map({ $0 == stored.accountId }) ?? true else {
            throw secret.unknownCodeError(accountScoped: context.accountID != nil)
        }
        let now = clock.now()
        let plan = try BroadcastPlan.paid(
            code: stored.code, fee: stored.fee, device: request.deviceId, wechat: request.wechatOpenid, at: now,
            label: secret.masked)
        guard let validUntil = stored.code.validityEnd, let feeUntil = stored.fee.activeUntil(at: now) else {
            throw StoredDataError("a usable code \(stored.codeId) without validity or fee end")
        }
        return AuthorizeBroadcastResponse(
            codeId: stored.codeId, accountId: stored.accountId, capacity: UInt32(clamping: plan.viewerLimit),
            codeValidUntilMs: validUntil, feeActiveUntilMs: feeUntil)
    }

    /// The answer for an unknown code id and for another account's: the same.
    static func noSuchCode(_ codeId: String) -> DomainError {
        .notFound("this account holds no activation code \(codeId); list your codes with ListCodes")
    }
}
