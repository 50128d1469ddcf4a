import GRDB
import HuanjuDomain

/// One row of the runtime's `outbox` table, for operators.
struct OutboxEntry: Sendable, Equatable {
    let sequence: Int64
    let messageId: String
    let method: String
    let createdAt: Instant
    let attempts: Int
    let lastError: String?
    let deliveredAt: Instant?
}

/// The state of the outbox to billing.
struct OutboxReport: Sendable, Equatable {
    let backlog: Int
    let delivered: Int
    /// The oldest undelivered messages.
    let waiting: [OutboxEntry]
    /// The latest delivered messages, newest first.
    let recent: [OutboxEntry]
}

extension ActivationStore {
    /// How the outbox to billing stands: backlog, the oldest waiting messages (up to
    /// `waitingLimit`) and the latest delivered ones (up to `recentLimit`).
    func outboxReport(waitingLimit: Int = 100, recentLimit: Int = 20) async throws -> OutboxReport {
        try await database.read { db in
            let columns = "sequence, message_id, method, created_at, attempts, last_error, delivered_at"
            func entries(_ sql: String, _ limit: Int) throws -> [OutboxEntry] {
                try Row.fetchAll(db, sql: "SELECT \(columns) FROM outbox \(sql) LIMIT ?", arguments: [limit]).map { row in
                    OutboxEntry(
                        sequence: row["sequence"], messageId: row["message_id"], method: row["method"],
                        createdAt: Instant(unixMilliseconds: row["created_at"]), attempts: row["attempts"],
                        lastError: row["last_error"],
                        deliveredAt: (row["delivered_at"] as Int64?).map(Instant.init(unixMilliseconds:)))
                }
            }
            return OutboxReport(
                backlog: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") ?? 0,
                delivered: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL") ?? 0,
                waiting: try entries("WHERE delivered_at IS NULL ORDER BY sequence", waitingLimit),
                recent: try entries("WHERE delivered_at IS NOT NULL ORDER BY sequence DESC", recentLimit))
        }
    }
}
