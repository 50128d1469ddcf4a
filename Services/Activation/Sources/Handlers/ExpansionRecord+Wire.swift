import HuanjuAPI
import HuanjuDomain

extension ActivationV1.Expansion {
    /// The wire form of a stored expansion.
    init(_ record: ExpansionRecord) {
        self.init(
            ticketID: record.ticketID, codeID: record.codeID, accountID: record.accountID,
            groups: UInt32(clamping: record.groups), state: record.isApplied ? .applied : .pending,
            paidAtMs: record.paidAt.unixMilliseconds, appliedAtMs: record.appliedAt?.unixMilliseconds ?? 0)
    }
}

extension BillingV1.ActivationEvent {
    /// What activation tells billing once an operator applied `expansion`: an
    /// `ExpansionApplied` under `eventID` (billing's idempotency key), occurring when it was
    /// applied.
    init(eventID: String, applied expansion: ExpansionRecord) {
        let appliedAt = expansion.appliedAt?.unixMilliseconds ?? 0
        self.init(
            eventID: eventID, accountID: expansion.accountID, occurredAtMs: appliedAt,
            change: .expansionApplied(BillingV1.ExpansionApplied(
                ticketID: expansion.ticketID, codeID: expansion.codeID, groups: UInt32(clamping: expansion.groups),
                appliedAtMs: appliedAt)))
    }
}
