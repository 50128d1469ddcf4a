import GRDB
import HuanjuDomain

/// One row of `expansions`: a paid expansion ticket (from billing) and when it was applied.
struct ExpansionRecord: Sendable, Equatable {
    var ticketId: String
    var accountId: String
    var codeId: String
    var groups: Int
    var paidAt: Instant
    var receivedAt: Instant
    /// Nil while pending.
    var appliedAt: Instant?
    var eventId: String

    static let columns = "ticket_id, account_id, code_id, groups, paid_at, received_at, applied_at, event_id"

    init(ticketId: String, accountId: String, codeId: String, groups: Int, paidAt: Instant, receivedAt: Instant,
         appliedAt: Instant?, eventId: String) {
        self.ticketId = ticketId
        self.accountId = accountId
        self.codeId = codeId
        self.groups = groups
        self.paidAt = paidAt
        self.receivedAt = receivedAt
        self.appliedAt = appliedAt
        self.eventId = eventId
    }

    /// Reads a row selected with `columns`.
    init(row: Row) {
        ticketId = row["ticket_id"]
        accountId = row["account_id"]
        codeId = row["code_id"]
        groups = row["groups"]
        paidAt = Instant(unixMilliseconds: row["paid_at"])
        receivedAt = Instant(unixMilliseconds: row["received_at"])
        appliedAt = (row["applied_at"] as Int64?).map(Instant.init(unixMilliseconds:))
        eventId = row["event_id"]
    }

    /// Inserts the row; false when the ticket is recorded already.
    func insert(_ db: Database) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO expansions (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [ticketId, accountId, codeId, groups, paidAt.unixMilliseconds,
                                   receivedAt.unixMilliseconds, appliedAt?.unixMilliseconds, eventId])
        return db.changesCount == 1
    }

    var isApplied: Bool { appliedAt != nil }
}
