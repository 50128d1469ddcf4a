import Foundation
import GRDB
import HuanjuAPI
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
    func openTicket(accountID: String, codeID: String, groups: Int, codeStatus: CodeStatus, at now: Instant) async throws -> TicketRecord {
        let ticket = try ExpansionTicket.open(groups: groups, codeStatus: codeStatus, at: now)
        let record = TicketRecord(id: Identifier.make("tkt"), accountID: accountID, codeID: codeID, ticket: ticket)
        try await database.write { db in
            _ = try Self.account(db, accountID)
            try db.execute(sql: """
                INSERT INTO expansion_ticket (ticket_id, account_id, code_id, groups, state, opened_at)
                VALUES (?, ?, ?, ?, 'PENDING_REVIEW', ?)
                """, arguments: [record.id, accountID, codeID, groups, now.unixMilliseconds])
        }
        return record
    }

    /// A ticket: the caller's own (another account's is NOT_FOUND like an unknown id), or
    /// any ticket when `accountID` is nil (operators).
    func ticket(_ ticketID: String, ownedBy accountID: String?) async throws -> TicketRecord {
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
    func decideTicket(_ ticketID: String, _ decision: TicketDecision, at now: Instant) async throws -> TicketRecord {
        try await database.write { db in
            var record = try Self.ticket(db, ticketID, ownedBy: nil)
            switch decision {
            case .approve: try record.ticket.approve()
            case .reject(let reason): try record.ticket.reject(reason: reason.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            record.decidedAt = now
            try Self.saveTicket(db, record)
            return record
        }
    }

    /// Tickets, optionally of one account and in one state (a `TicketStateMessage` name),
    /// newest or oldest opening first.
    func tickets(accountID: String?, state: String?, newestFirst: Bool, page: PageRequest) async throws -> PageOf<TicketRecord> {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let accountID {
                conditions.append("account_id = ?")
                arguments.append(accountID)
            }
            if let state {
                conditions.append("state = ?")
                arguments.append(state)
            }
            if let after = page.after {
                conditions.append("(opened_at, ticket_id) \(newestFirst ? "<" : ">") (?, ?)")
                arguments += [after.key, after.id]
            }
            let direction = newestFirst ? "DESC" : "ASC"
            arguments.append(page.size + 1)
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM expansion_ticket \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY opened_at \(direction), ticket_id \(direction) LIMIT ?
                """, arguments: StatementArguments(arguments))
            return PageOf(fetched: try rows.map(TicketRecord.init(row:)), size: page.size) {
                PagePosition(key: $0.ticket.openedAt.unixMilliseconds, id: $0.id)
            }
        }
    }

    /// Applies an event from activation once (keyed by its event id): an applied expansion
    /// makes its PAID ticket APPLIED. Returns whether anything changed now; a redelivery, an
    /// already applied ticket, or an event kind this version does not know changes nothing.
    ///
    /// - Throws: `invalidArgument` without an event id; `notFound` for an unknown ticket, and
    ///   `failedPrecondition` for one not paid or not matching the event (activation's relay
    ///   retries: an operator must look).
    func applyActivationEvent(_ event: ActivationEvent, at now: Instant) async throws -> Bool {
        // A peer's event is checked like a customer's request before anything is claimed.
        guard !event.eventId.isEmpty else {
            throw DomainError.invalidArgument("an activation event needs an event_id (its idempotency key)")
        }
        guard !event.accountId.isEmpty else {
            throw DomainError.invalidArgument("activation event \(event.eventId) needs the account_id it concerns")
        }
        guard let applied = event.expansionApplied else {
            throw DomainError.invalidArgument("activation event \(event.eventId) carries no change (expected expansion_applied)")
        }
        guard !applied.ticketId.isEmpty, !applied.codeId.isEmpty,
              (1...OrderLimits.maxExpansionGroups).contains(Int(applied.groups)) else {
            throw DomainError.invalidArgument(
                "activation event \(event.eventId): expansion_applied needs a ticket_id, a code_id and 1–"
                    + "\(OrderLimits.maxExpansionGroups) groups")
        }
        _ = try Instant.validated(unixMilliseconds: applied.appliedAtMs.unixMilliseconds)
        return try await database.write { db in
            guard try Inbox.claim(db, messageID: event.eventId, at: now) else { return false }
            var record = try Self.ticket(db, applied.ticketId, ownedBy: nil)
            guard record.accountID == event.accountId, record.codeID == applied.codeId,
                  record.ticket.groups == Int(applied.groups) else {
                throw DomainError.failedPrecondition(
                    "event \(event.eventId) says ticket \(applied.ticketId) of account \(event.accountId) added \(applied.groups) "
                        + "groups to code \(applied.codeId), but billing has it for account \(record.accountID), "
                        + "\(record.ticket.groups) groups on code \(record.codeID)")
            }
            if record.ticket.state == .applied { return false }
            try record.ticket.apply()
            record.appliedAt = applied.appliedAtMs
            try Self.saveTicket(db, record)
            return true
        }
    }
}

// MARK: - Inside a transaction

extension BillingStore {
    static func ticket(_ db: Database, _ ticketID: String, ownedBy accountID: String?) throws -> TicketRecord {
        let row: Row?
        if let accountID {
            row = try Row.fetchOne(db, sql: "SELECT * FROM expansion_ticket WHERE ticket_id = ? AND account_id = ?",
                                   arguments: [ticketID, accountID])
        } else {
            row = try Row.fetchOne(db, sql: "SELECT * FROM expansion_ticket WHERE ticket_id = ?", arguments: [ticketID])
        }
        guard let row else {
            throw DomainError.notFound(accountID == nil ? "no expansion ticket \(ticketID)" : "no expansion ticket \(ticketID) in this account")
        }
        return try TicketRecord(row: row)
    }

    static func saveTicket(_ db: Database, _ record: TicketRecord) throws {
        try db.execute(sql: """
            UPDATE expansion_ticket SET state = ?, rejection_reason = ?, decided_at = ?, paid_at = ?, applied_at = ?, order_id = ?
            WHERE ticket_id = ?
            """, arguments: [
                record.ticket.state.name, record.rejectionReason, record.decidedAt?.unixMilliseconds,
                record.paidAt?.unixMilliseconds, record.appliedAt?.unixMilliseconds, record.orderID, record.id,
            ])
    }
}
