import GRDB
import HuanjuDomain

/// A service's outgoing messages, written in the same transaction as the change they
/// announce, and delivered by an `OutboxRelay` in order until the peer acknowledges each.
///
/// Table `outbox`: `sequence` (delivery order), `message_id` (unique; the receiver's
/// idempotency key), `method` (the peer's method), `payload` (the encoded request),
/// `created_at`, `attempts`, `last_error`, `delivered_at` (NULL until acknowledged).
public enum Outbox {
    /// One message waiting for (or past) delivery.
    public struct Message: Sendable, Equatable {
        public let sequence: Int64
        public let messageID: String
        public let method: String
        public let payload: [UInt8]
        public let attempts: Int
    }

    /// Adds the `outbox` table to a service's migrations (a shipped migration: never edit it).
    public static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("outbox-v1") { db in
            try db.execute(sql: """
                CREATE TABLE outbox (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id TEXT NOT NULL UNIQUE,
                    method TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    created_at INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    delivered_at INTEGER
                );
                CREATE INDEX outbox_undelivered ON outbox(sequence) WHERE delivered_at IS NULL;
                """)
        }
    }

    /// Queues a message; call inside the transaction that makes the change it announces.
    public static func enqueue(_ db: Database, messageID: String, method: String, payload: [UInt8], at now: Instant) throws {
        try db.execute(
            sql: "INSERT INTO outbox (message_id, method, payload, created_at) VALUES (?, ?, ?, ?)",
            arguments: [messageID, method, Data(payload), now.unixMilliseconds])
    }

    /// The oldest undelivered messages, in delivery order.
    public static func undelivered(_ db: Database, limit: Int) throws -> [Message] {
        try Row.fetchAll(db, sql: """
            SELECT sequence, message_id, method, payload, attempts FROM outbox
            WHERE delivered_at IS NULL ORDER BY sequence LIMIT ?
            """, arguments: [limit]).map { row in
            Message(sequence: row["sequence"], messageID: row["message_id"], method: row["method"],
                    payload: [UInt8](row["payload"] as Data), attempts: row["attempts"])
        }
    }

    /// Marks a message acknowledged by its receiver.
    public static func markDelivered(_ db: Database, sequence: Int64, at now: Instant) throws {
        try db.execute(sql: "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE sequence = ?",
                       arguments: [now.unixMilliseconds, sequence])
    }

    /// Records a failed delivery attempt (it will be retried).
    public static func recordFailure(_ db: Database, sequence: Int64, error: String) throws {
        try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE sequence = ?",
                       arguments: [error, sequence])
    }

    /// How many messages wait for delivery.
    public static func backlog(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") ?? 0
    }

    /// Whether every message whose id starts with `prefix` was delivered (e.g. an order's).
    public static func isDelivered(_ db: Database, messageIDPrefix prefix: String) throws -> Bool {
        let waiting = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND substr(message_id, 1, length(?)) = ?
            """, arguments: [prefix, prefix]) ?? 0
        return waiting == 0
    }
}

import struct Foundation.Data
