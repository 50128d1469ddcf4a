import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire
import Logging

/// The handlers of `huanju.activation.v1.Activation`: each reads "now" once from the clock,
/// asks the store, and turns the answer into a wire message. No transport types. Access and
/// required metadata are checked by the router from proto/ before a handler runs.
///
/// Customer methods here; operator methods in `+Operators`, peer methods in `+Peers`, the
/// feed in `+Feed`, webhooks in `+Webhooks`.
///
/// No request of a customer or an operator carries an enum field, so none can hold a number
/// this build does not know; billing's events are checked by `BillingChange`.
struct ActivationHandlers: ActivationV1.ActivationService.Handler {
    let store: ActivationStore
    let clock: any BusinessClock
    let logger: Logger
    let bindLimit: BindRateLimit
    /// Sends `TestWebhook`'s event.
    let webhooks: WebhookSender

    // MARK: Customers

    func listCodes(_ request: ActivationV1.ListCodesRequest, context: CallContext) async throws -> ActivationV1.ListCodesResponse {
        let account = try context.requireAccountID()
        let page = try await store.codes(
            ofAccount: account, page: try PageRequest(pageSize: request.pageSize, pageToken: request.pageToken))
        let now = clock.now()
        return ActivationV1.ListCodesResponse(
            codes: page.items.map { ActivationV1.Code($0, at: now, revealSecret: true) }, nextPageToken: page.nextPageToken)
    }

    func getCode(_ request: ActivationV1.GetCodeRequest, context: CallContext) async throws -> ActivationV1.Code {
        let account = try context.requireAccountID()
        guard !request.codeID.isEmpty else { throw DomainError.invalidArgument("GetCode needs a code_id") }
        guard let stored = try await store.code(id: request.codeID, ofAccount: account) else {
            throw Self.noSuchCode(request.codeID)
        }
        return ActivationV1.Code(stored, at: clock.now(), revealSecret: true)
    }

    func bindCode(_ request: ActivationV1.BindCodeRequest, context: CallContext) async throws -> ActivationV1.BindCodeResponse {
        let account = try context.requireAccountID()
        let now = clock.now()
        let attempt = BindAttempt(
            accountID: account, text: request.code, deviceID: request.deviceID, wechatOpenid: request.wechatOpenid)
        switch try await store.bind(attempt, limit: bindLimit, at: now) {
        case .bound(let stored, let newly):
            if newly {
                logger.info("code bound", metadata: [
                    "account.id": "\(account)", "code.id": "\(stored.codeID)", "code.masked": "\(stored.masked)",
                    "code.valid_until": "\(stored.code.validityEnd.map(\.description) ?? "")",
                ])
            }
            return ActivationV1.BindCodeResponse(code: ActivationV1.Code(stored, at: now, revealSecret: true), newlyBound: newly)
        case .refused(let error, let wrongCode):
            if wrongCode || error.code == .resourceExhausted {
                logger.notice("bind refused: wrong code", metadata: [
                    "account.id": "\(account)", "rpc.status": "\(error.code)",
                ])
            }
            throw error
        }
    }

    /// The answer for an unknown code id and for another account's: the same.
    static func noSuchCode(_ codeID: String) -> DomainError {
        .notFound("this account holds no activation code \(codeID); list your codes with ListCodes")
    }
}
