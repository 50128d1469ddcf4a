import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Expansion tickets on the wire: `BillingV1.ExpansionTicket`, its state, and the state
/// filter of `ListAllExpansionTickets`.
extension BillingV1.ExpansionTicket {
    /// The ticket, priced at `catalog`.
    init(_ ticket: Ticket, catalog: Catalog) {
        let price = (try? ticket.ticket.quote(catalog).total) ?? .zero
        self.init(
            ticketID: ticket.id, accountID: ticket.accountID, codeID: ticket.codeID,
            groups: UInt32(clamping: ticket.ticket.groups), addedViewers: UInt32(clamping: ticket.ticket.addedViewers),
            state: BillingV1.TicketState(ticket.ticket.state), rejectionReason: ticket.rejectionReason ?? "",
            priceFen: price.rawValue, openedAtMs: ticket.ticket.openedAt.unixMilliseconds,
            decidedAtMs: ticket.decidedAt?.unixMilliseconds ?? 0, paidAtMs: ticket.paidAt?.unixMilliseconds ?? 0,
            appliedAtMs: ticket.appliedAt?.unixMilliseconds ?? 0, orderID: ticket.orderID ?? "")
    }
}

extension BillingV1.TicketState {
    /// The wire state of a domain state.
    init(_ state: ExpansionTicketState) {
        switch state {
        case .pendingReview: self = .pendingReview
        case .approved: self = .approved
        case .rejected: self = .rejected
        case .paid: self = .paid
        case .applied: self = .applied
        }
    }

    /// A listing's filter on `field`: nil for UNSPECIFIED ("any"), else the state's domain
    /// name (`ExpansionTicketState.name`).
    ///
    /// - Throws: INVALID_ARGUMENT naming the number for one this build does not know.
    func filterName(field: String) throws -> String? {
        switch try recognized(field: field) {
        case .unspecified, .unrecognized: nil
        case .pendingReview: ExpansionTicketState.pendingReview.name
        case .approved: ExpansionTicketState.approved.name
        case .rejected: ExpansionTicketState.rejected(reason: "").name
        case .paid: ExpansionTicketState.paid.name
        case .applied: ExpansionTicketState.applied.name
        }
    }
}
