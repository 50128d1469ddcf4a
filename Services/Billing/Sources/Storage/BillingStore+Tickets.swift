import Foundation
import GRDB
import HuanjuDomain
import HuanjuRuntime

/// Expansion tickets (扩容, RULES §6): opened by the customer, decided by an operator, paid
/// (in `BillingStore+Purchases`), and marked APPLIED when activation reports it applied.
extension BillingStore {
    /// Checks what opening a ticket needs besides the code's status (the account exists,
    /// the group count is sellable), before activation is asked about the code.
    func checkTicketRequest(accountID: String, groups: Int, at now: Instant) async throws {
        _ = try await database.read { db in try Self.account(db, accountID) }
        _ = try ExpansionTicket.open(groups: groups, codeStatus: .active, at: now)
    }

    /// Opens a ticket for `groups` groups on the caller's code `codeID`, whose status at `now`
    /// activation reported as `codeStatus`.
    func openTicket(accountID: String, codeID: String, groups: Int, codeStatus: CodeStatus, at now: Instant) async throws -> Ticket {
        let ticket = Ticket(
            id: Identifier.make("tkt"), accountID: accountID, codeID: codeID,
            ticket: try ExpansionTicket.open(groups: groups, codeStatus: codeStatus, at: now))
        try await database.write { db in
            _ = try Self.account(db, accountID)
            try ExpansionTicketRecord(ticket).insert(db)
            try Self.enqueue(db, BillingChange(
                eventID: "\(ticket.id)/opened", accountID: accountID, occurredAt: now,
                kind: .ticketOpened(ticketID: ticket.id, codeID: codeID, groups: groups)))
        }
        return ticket
    }

    /// A ticket: the caller's own (another account's is NOT_FOUND like an unknown id), or
    /// any ticket when `accountID` is nil (operators).
    func ticket(_ ticketID: String, ownedBy accountID: String?) async throws -> Ticket {
        try await database.read { db in
            if let accountID { _ = try Self.account(db, accountID) }
            return try Self.ticket(db, ticketID, ownedBy: accountID)
        }
    }

    /// What an operator decides about a ticket waiting for review.
    enum TicketDecision: Sendable {
        case approve
        case reject(reason: String)
    }

    /// An operator approves or rejects a ticket at `now`.
    func decideTicket(_ ticketID: String, _ decision: TicketDecision, at now: Instant) async throws -> Ticket {
        try await database.write { db in
            var ticket = try Self.ticket(db, ticketID, ownedBy: nil)
            switch decision {
            case .approve: try ticket.ticket.approve()
            case .reject(let reason): try ticket.ticket.reject(reason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            ticket.decidedAt = now
            try ExpansionTicketRecord(ticket).update(db)
            var reason = ""
            if case .rejected(let given) = ticket.ticket.state { reason = given }
            try Self.enqueue(db, BillingChange(
                eventID: "\(ticket.id)/decided", accountID: ticket.accountID, occurredAt: now,
                kind: .ticketDecided(
                    ticketID: ticket.id, codeID: ticket.codeID, groups: ticket.ticket.groups,
                    approved: ticket.ticket.state == .approved, reason: reason)))
            return ticket
        }
    }

    /// Tickets, optionally of one account (which must exist when `requireAccount`) and in one
    /// state (named `ExpansionTicketState.name`), newest or oldest opening first.
    ///
    /// - Throws: `notFound` for a required account that does not exist; `invalidArgument` for
    ///   a page token naming no ticket of this listing.
    func tickets(accountID: String?, requireAccount: Bool = false, state: String?, newestFirst: Bool, page: PageRequest)
        async throws -> PageOf<Ticket> {
        try await database.read { db in
            typealias Columns = ExpansionTicketRecord.Columns
            if requireAccount, let accountID { _ = try Self.account(db, accountID) }
            var listing = ExpansionTicketRecord.all()
            if let accountID { listing = listing.filter(Columns.accountID == accountID) }
            if let state { listing = listing.filter(Columns.state == state) }
            var request = listing
            if let after = page.after {
                try Self.checkToken(page, names: listing.filter(Columns.ticketID == after.id && Columns.openedAt == after.key), db)
                request = request.filter(literal: newestFirst
                    ? "(opened_at, ticket_id) < (\(after.key), \(after.id))"
                    : "(opened_at, ticket_id) > (\(after.key), \(after.id))")
            }
            let order = newestFirst ? [Columns.openedAt.desc, Columns.ticketID.desc] : [Columns.openedAt.asc, Columns.ticketID.asc]
            let tickets = try request.order(order).limit(page.size + 1).fetchAll(db).map { try $0.ticket() }
            return PageOf(fetched: tickets, size: page.size) {
                PagePosition(key: $0.ticket.openedAt.unixMilliseconds, id: $0.id)
            }
        }
    }

    /// Applies what activation reports once (keyed by its event id): an applied expansion
    /// makes its PAID ticket APPLIED. Returns whether anything changed now; a redelivery or
    /// an already applied ticket changes nothing.
    ///
    /// - Throws: `notFound` for an unknown ticket, and `failedPrecondition` for one not paid
    ///   or not matching the event (activation's relay retries: an operator must look). The
    ///   event id is claimed only when the change is applied.
    func apply(_ report: ActivationReport, at now: Instant) async throws -> Bool {
        try await database.write { db in
            guard try Inbox.claim(db, messageID: report.eventID, at: now) else { return false }
            switch report.change {
            case let .expansionApplied(ticketID, codeID, groups, appliedAt):
                var ticket = try Self.ticket(db, ticketID, ownedBy: nil)
                guard ticket.accountID == report.accountID, ticket.codeID == codeID, ticket.ticket.groups == groups else {
                    throw DomainError.failedPrecondition(
                        "event \(report.eventID) says ticket \(ticketID) of account \(report.accountID) added \(groups) "
                            + "groups to code \(codeID), but billing has it for account \(ticket.accountID), "
                            + "\(ticket.ticket.groups) groups on code \(ticket.codeID)")
                }
                if ticket.ticket.state == .applied { return false }
                try ticket.ticket.apply()
                ticket.appliedAt = appliedAt
                try ExpansionTicketRecord(ticket).update(db)
                return true
            }
        }
    }
}

// MARK: - Inside a transaction

extension BillingStore {
    /// A ticket of `accountID` (NOT_FOUND for another account's, worded as for an unknown
    /// id), or of any account when nil.
    static func ticket(_ db: Database, _ ticketID: String, ownedBy accountID: String?) throws -> Ticket {
        typealias Columns = ExpansionTicketRecord.Columns
        var request = ExpansionTicketRecord.filter(Columns.ticketID == ticketID)
        if let accountID { request = request.filter(Columns.accountID == accountID) }
        guard let record = try request.fetchOne(db) else {
            throw DomainError.notFound(accountID == nil ? "no expansion ticket \(ticketID)" : "no expansion ticket \(ticketID) in this account")
        }
        return try record.ticket()
    }
}
