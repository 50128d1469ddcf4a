import HuanjuAPI
import HuanjuDomain

/// What billing tells activation on the wire: a `BillingChange` as the
/// `ActivationV1.BillingEvent` its outbox carries to `DeliverBillingEvent`.
extension ActivationV1.BillingEvent {
    /// The event carrying `change`, its event id the outbox message id.
    init(_ change: BillingChange) {
        let wire: Change
        switch change.kind {
        case .feeTermsChanged(let schedule):
            wire = .feeTermsChanged(ActivationV1.FeeTermsChanged(terms: schedule.terms.map(ActivationV1.FeeTerm.init)))
        case let .codesOrdered(orderID, kind, quantity, groups, issuedAt, gift):
            wire = .codesOrdered(ActivationV1.CodesOrdered(
                orderID: orderID, kind: ActivationV1.CodeKind(kind), quantity: UInt32(clamping: quantity),
                addonGroupsPerCode: UInt32(clamping: groups), issuedAtMs: issuedAt.unixMilliseconds, gift: gift))
        case let .expansionPaid(ticketID, codeID, groups, paidAt):
            wire = .expansionPaid(ActivationV1.ExpansionPaid(
                ticketID: ticketID, codeID: codeID, groups: UInt32(clamping: groups), paidAtMs: paidAt.unixMilliseconds))
        case let .applicationDecided(approved, reason, submittedAt):
            wire = .applicationDecided(ActivationV1.ApplicationDecided(
                approved: approved, reason: reason, submittedAtMs: submittedAt.unixMilliseconds))
        case let .ticketOpened(ticketID, codeID, groups):
            wire = .ticketOpened(ActivationV1.ExpansionTicketOpened(
                ticketID: ticketID, codeID: codeID, groups: UInt32(clamping: groups)))
        case let .ticketDecided(ticketID, codeID, groups, approved, reason):
            wire = .ticketDecided(ActivationV1.ExpansionTicketDecided(
                ticketID: ticketID, codeID: codeID, groups: UInt32(clamping: groups), approved: approved, reason: reason))
        }
        self.init(eventID: change.eventID, accountID: change.accountID, occurredAtMs: change.occurredAt.unixMilliseconds,
                  change: wire)
    }
}

extension ActivationV1.CodeKind {
    /// Activation's number for a code kind.
    init(_ kind: CodeKind) {
        switch kind {
        case .flagship: self = .flagship
        case .standard: self = .standard
        }
    }
}
