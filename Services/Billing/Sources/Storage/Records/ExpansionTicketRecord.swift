import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A row of `expansion_tickets`: a ticket with the instants of its transitions.
struct ExpansionTicketRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "expansion_tickets"
    /// Exactly the table's columns, from `CodingKeys` (what `\(columnsOf:)` selects).
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    var ticketID: String
    var accountID: String
    var codeID: String
    var groups: Int
    /// `ExpansionTicketState.name`: `PENDING_REVIEW`, `APPROVED`, `REJECTED`, `PAID`, `APPLIED`.
    var state: String
    /// REJECTED only.
    var rejectionReason: String?
    /// Unix milliseconds, like every `_at` column.
    var openedAt: Int64
    var decidedAt: Int64?
    var paidAt: Int64?
    var appliedAt: Int64?
    /// The order that paid for it.
    var orderID: String?

    /// The table's columns, for queries too (`OrderRecord.Columns.placedAt`).
    typealias Columns = CodingKeys

    /// The table's columns: the record's coding keys, usable as GRDB column expressions.
    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case ticketID = "ticket_id"
        case accountID = "account_id"
        case codeID = "code_id"
        case groups
        case state
        case rejectionReason = "rejection_reason"
        case openedAt = "opened_at"
        case decidedAt = "decided_at"
        case paidAt = "paid_at"
        case appliedAt = "applied_at"
        case orderID = "order_id"
    }
}

extension ExpansionTicketRecord {
    /// The row of `ticket`.
    init(_ ticket: Ticket) {
        self.init(
            ticketID: ticket.id, accountID: ticket.accountID, codeID: ticket.codeID, groups: ticket.ticket.groups,
            state: ticket.ticket.state.name, rejectionReason: ticket.rejectionReason,
            openedAt: ticket.ticket.openedAt.unixMilliseconds, decidedAt: ticket.decidedAt?.unixMilliseconds,
            paidAt: ticket.paidAt?.unixMilliseconds, appliedAt: ticket.appliedAt?.unixMilliseconds, orderID: ticket.orderID)
    }

    /// The ticket the row holds.
    func ticket() throws -> Ticket {
        let restored: ExpansionTicketState
        switch state {
        case "PENDING_REVIEW": restored = .pendingReview
        case "APPROVED": restored = .approved
        case "REJECTED": restored = .rejected(reason: rejectionReason ?? "")
        case "PAID": restored = .paid
        case "APPLIED": restored = .applied
        default: throw StoredDataError.unexpected(state, in: "expansion_tickets.state")
        }
        let expansion: ExpansionTicket
        do {
            expansion = try ExpansionTicket(groups: groups, openedAt: Instant(unixMilliseconds: openedAt), state: restored)
        } catch {
            throw StoredDataError("expansion_tickets holds ticket \(ticketID) with \(groups) groups: \(error)")
        }
        return Ticket(
            id: ticketID, accountID: accountID, codeID: codeID, ticket: expansion,
            decidedAt: decidedAt.map(Instant.init(unixMilliseconds:)), paidAt: paidAt.map(Instant.init(unixMilliseconds:)),
            appliedAt: appliedAt.map(Instant.init(unixMilliseconds:)), orderID: orderID)
    }
}
