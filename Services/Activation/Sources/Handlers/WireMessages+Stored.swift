import HuanjuAPI
import HuanjuDomain

extension CodeMessage {
    /// The wire form of a stored code, its status judged at `now`. The full secret goes only
    /// to the owning account (`revealSecret`); everyone else sees the masked form.
    init(_ stored: StoredCode, at now: Instant, revealSecret: Bool) {
        let code = stored.code
        self.init(
            codeId: stored.codeId, accountId: stored.accountId, kind: CodeKindMessage(code.kind),
            status: CodeStatusMessage(stored.status(at: now)), capacity: UInt32(clamping: code.capacity),
            addonGroups: UInt32(clamping: code.addOnGroups), expansionGroups: UInt32(clamping: code.expansionGroups),
            issuedAtMs: code.issuedAt, bindDeadlineMs: code.bindDeadline,
            binding: code.binding.map {
                CodeBindingMessage(deviceId: $0.deviceId, wechatOpenid: $0.wechatOpenId, boundAtMs: $0.boundAt)
            },
            validUntilMs: code.validityEnd ?? Instant(unixMilliseconds: 0),
            code: revealSecret ? stored.secret.text : "", codeMasked: stored.masked,
            orderId: stored.record.orderId, gift: stored.record.gift,
            expansions: stored.expansions.map(ExpansionMessage.init), statusAtMs: now)
    }
}

extension ExpansionMessage {
    /// The wire form of a stored expansion.
    init(_ record: ExpansionRecord) {
        self.init(
            ticketId: record.ticketId, codeId: record.codeId, accountId: record.accountId,
            groups: UInt32(clamping: record.groups), state: record.isApplied ? .applied : .pending,
            paidAtMs: record.paidAt, appliedAtMs: record.appliedAt ?? Instant(unixMilliseconds: 0))
    }
}

extension OutboxMessageInfo {
    /// The wire form of an outbox row.
    init(_ entry: OutboxEntry) {
        self.init(
            sequence: entry.sequence, messageId: entry.messageId, method: entry.method, createdAtMs: entry.createdAt,
            attempts: UInt32(clamping: entry.attempts), lastError: entry.lastError ?? "",
            deliveredAtMs: entry.deliveredAt ?? Instant(unixMilliseconds: 0))
    }
}
