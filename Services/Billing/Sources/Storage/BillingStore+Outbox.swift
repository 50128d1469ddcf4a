import GRDB
import HuanjuDomain
import HuanjuRuntime

/// The outbox to activation, as operators see it.
extension BillingStore {
    /// The outbox's backlog, the oldest waiting messages (at most 100) and the latest
    /// delivered ones (at most 20, newest first).
    func outboxReport() async throws -> OutboxReport {
        try await database.read { db in
            func entries(_ sql: String) throws -> [OutboxReport.Entry] {
                try Row.fetchAll(db, sql: sql).map { row in
                    OutboxReport.Entry(
                        sequence: row["sequence"], messageID: row["message_id"], method: row["method"],
                        createdAt: Instant(unixMilliseconds: row["created_at"]), attempts: row["attempts"],
                        lastError: row["last_error"], deliveredAt: StoredValue.instant(row["delivered_at"]))
                }
            }
            return OutboxReport(
                backlog: try Outbox.backlog(db),
                delivered: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL") ?? 0,
                waiting: try entries("SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY sequence LIMIT 100"),
                recent: try entries("SELECT * FROM outbox WHERE delivered_at IS NOT NULL ORDER BY sequence DESC LIMIT 20"))
        }
    }
}
