import GRDB
import HuanjuDomain

/// The messages a service has applied, so that a redelivered message is applied once only.
///
/// Table `inbox`: `message_id` (primary key), `applied_at`.
public enum Inbox {
    /// Adds the `inbox` table to a service's migrations (a shipped migration: never edit it).
    public static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("inbox-v1") { db in
            try db.execute(sql: """
                CREATE TABLE inbox (
                    message_id TEXT PRIMARY KEY,
                    applied_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
    }

    /// Records `messageID` and returns true the first time; false when it was applied
    /// before. Call inside the transaction that applies the message, and apply it only on true.
    public static func claim(_ db: Database, messageID: String, at now: Instant) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO inbox (message_id, applied_at) VALUES (?, ?)",
                       arguments: [messageID, now.unixMilliseconds])
        return db.changesCount == 1
    }
}
