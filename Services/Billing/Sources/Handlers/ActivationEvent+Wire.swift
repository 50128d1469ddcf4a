import HuanjuAPI
import HuanjuDomain

/// What activation tells billing on the wire: a `BillingV1.ActivationEvent`, checked like a
/// customer's request, as the `ActivationReport` the store applies.
extension ActivationReport {
    /// The report an event makes.
    ///
    /// - Throws: `invalidArgument` without an event id or account id, or with an
    ///   `expansion_applied` lacking ids, with groups outside 1…10,000 or an instant out of
    ///   range; `failedPrecondition` when its change is none this build knows (none set, or a
    ///   member a newer activation added): the sender parks the account's messages and
    ///   retries until billing is upgraded.
    init(_ event: BillingV1.ActivationEvent) throws(DomainError) {
        guard !event.eventID.isEmpty else {
            throw .invalidArgument("an activation event needs an event_id (its idempotency key)")
        }
        guard !event.accountID.isEmpty else {
            throw .invalidArgument("activation event \(event.eventID) needs the account_id it concerns")
        }
        switch event.change {
        case nil:
            throw .failedPrecondition(
                "activation event \(event.eventID) carries a change this billing does not know; upgrade billing")
        case .expansionApplied(let applied):
            guard !applied.ticketID.isEmpty, !applied.codeID.isEmpty,
                  (1...OrderLimits.maxExpansionGroups).contains(Int(applied.groups)) else {
                throw .invalidArgument(
                    "activation event \(event.eventID): expansion_applied needs a ticket_id, a code_id and 1–"
                        + "\(OrderLimits.maxExpansionGroups) groups")
            }
            let appliedAt = try Instant.validated(unixMilliseconds: applied.appliedAtMs)
            self.init(eventID: event.eventID, accountID: event.accountID, change: .expansionApplied(
                ticketID: applied.ticketID, codeID: applied.codeID, groups: Int(applied.groups), appliedAt: appliedAt))
        }
    }
}
