import HuanjuAPI
import HuanjuDomain

extension ActivationV1.Code {
    /// The wire form of a stored code, its status judged at `now`. The full secret goes only
    /// to the owning account (`revealSecret`); everyone else sees the masked form.
    init(_ stored: StoredCode, at now: Instant, revealSecret: Bool) {
        let code = stored.code
        self.init(
            codeID: stored.codeID, accountID: stored.accountID, kind: ActivationV1.CodeKind(code.kind),
            status: ActivationV1.CodeStatus(stored.status(at: now)), capacity: UInt32(clamping: code.capacity),
            addonGroups: UInt32(clamping: code.addOnGroups), expansionGroups: UInt32(clamping: code.expansionGroups),
            issuedAtMs: code.issuedAt.unixMilliseconds, bindDeadlineMs: code.bindDeadline.unixMilliseconds,
            binding: code.binding.map(ActivationV1.CodeBinding.init),
            validUntilMs: code.validityEnd?.unixMilliseconds ?? 0,
            code: revealSecret ? stored.secret.text : "", codeMasked: stored.masked,
            orderID: stored.record.orderID, gift: stored.record.gift,
            expansions: stored.expansions.map(ActivationV1.Expansion.init), statusAtMs: now.unixMilliseconds)
    }
}

extension ActivationV1.CodeBinding {
    /// The wire form of a binding.
    init(_ binding: CodeBinding) {
        self.init(deviceID: binding.deviceID, wechatOpenid: binding.wechatOpenid, boundAtMs: binding.boundAt.unixMilliseconds)
    }
}
