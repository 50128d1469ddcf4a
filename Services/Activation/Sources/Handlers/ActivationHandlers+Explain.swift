import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Customer methods answering "why" at any instant, for the owning account: what starting a
/// broadcast would have answered then and the chain behind it (`ExplainBroadcastAccess`), and a
/// code's statuses over its life (`GetCodeTimeline`) — both as known now, from the same rules
/// `AuthorizeBroadcast` applies (`BroadcastAccessExplanation`, `CodeTimeline`).
///
/// The code is found as `AuthorizeBroadcast` finds it for a host's account: a malformed or
/// mistyped text is INVALID_ARGUMENT, an unknown code and another account's NOT_FOUND in the
/// same words. "One broadcast at a time per code" is not evaluated for an instant.
extension ActivationHandlers {
    func explainBroadcastAccess(
        _ request: ActivationV1.ExplainBroadcastAccessRequest, context: CallContext
    ) async throws -> ActivationV1.BroadcastAccessExplanation {
        let account = try context.requireAccountID()
        let now = clock.now()
        let instant = try request.atMs.map { value throws(DomainError) in try Instant.validated(unixMilliseconds: value) } ?? now
        let (stored, secret) = try await storedCode(typed: request.code, forAccount: account)
        let explanation = BroadcastAccessExplanation(
            code: stored.code, applied: stored.appliedExpansions, fee: stored.fee, secret: secret,
            device: request.deviceID, wechat: request.wechatOpenid, at: instant)
        return ActivationV1.BroadcastAccessExplanation(explanation, of: stored, asOf: now)
    }

    func getCodeTimeline(_ request: ActivationV1.GetCodeTimelineRequest, context: CallContext) async throws -> ActivationV1.CodeTimeline {
        let account = try context.requireAccountID()
        let now = clock.now()
        let (stored, _) = try await storedCode(typed: request.code, forAccount: account)
        return ActivationV1.CodeTimeline(
            codeID: stored.codeID, codeMasked: stored.masked,
            intervals: CodeTimeline(code: stored.code, fee: stored.fee).intervals.map(ActivationV1.CodeStatusInterval.init),
            asOfMs: now.unixMilliseconds)
    }
}
