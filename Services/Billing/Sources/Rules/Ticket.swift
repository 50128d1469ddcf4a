import HuanjuDomain

/// An expansion ticket of an account's code: the domain's state machine (`ExpansionTicket`)
/// with the ids and the instants of its transitions.
struct Ticket: Sendable, Equatable {
    /// `tkt_` + 16 symbols.
    let id: String
    let accountID: String
    /// Activation's code the groups are added to.
    let codeID: String
    /// Groups, opening instant and state (RULES §6).
    var ticket: ExpansionTicket
    var decidedAt: Instant?
    var paidAt: Instant?
    var appliedAt: Instant?
    /// The order that paid for it.
    var orderID: String?

    /// A ticket just opened.
    init(id: String, accountID: String, codeID: String, ticket: ExpansionTicket) {
        self.id = id
        self.accountID = accountID
        self.codeID = codeID
        self.ticket = ticket
    }

    /// A stored ticket.
    init(id: String, accountID: String, codeID: String, ticket: ExpansionTicket, decidedAt: Instant?, paidAt: Instant?,
         appliedAt: Instant?, orderID: String?) {
        self.init(id: id, accountID: accountID, codeID: codeID, ticket: ticket)
        self.decidedAt = decidedAt
        self.paidAt = paidAt
        self.appliedAt = appliedAt
        self.orderID = orderID
    }

    /// The ticket's rejection reason, if rejected.
    var rejectionReason: String? {
        if case .rejected(let reason) = ticket.state { return reason }
        return nil
    }
}
