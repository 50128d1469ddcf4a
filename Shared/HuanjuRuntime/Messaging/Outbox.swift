import Foundation
import GRDB
import HuanjuDomain

/// A service's outgoing messages, written in the same transaction as the change they
/// announce, and delivered by an `OutboxRelay` until the peer acknowledges each.
///
/// Order is kept per partition (an account: its messages are delivered in the order they were
/// written), and a message the peer refuses blocks only its own partition: it is marked
/// `parked`, with the peer's reason in `last_error`, and retried with backoff while the
/// relay goes on with every other partition.
///
/// A service may send to several peers: each message names its `destination` (a peer
/// service's name), and each peer has its own relay, so a peer that is down holds back only
/// its own messages.
///
/// Table `outbox`: `sequence` (write order), `message_id` (unique; the receiver's idempotency
/// key), `partition_key` (since outbox-v2; "" for messages written before), `destination`
/// (since outbox-v3; "" for messages written before, which go to the service's first peer),
/// `method` (the peer's method), `payload` (the encoded request), `created_at`, `attempts`,
/// `last_error`, `parked` (1 while the peer refuses it), `delivered_at` (NULL until
/// acknowledged).
public enum Outbox {
    /// One message waiting for (or past) delivery.
    public struct Message: Sendable, Equatable {
        public let sequence: Int64
        public let messageID: String
        public let partition: String
        public let method: String
        public let payload: [UInt8]
        public let attempts: Int
    }

    /// Adds the `outbox` table to a service's migrations (shipped migrations: never edit them).
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
        migrator.registerMigration("outbox-v2") { db in
            try db.execute(sql: """
                ALTER TABLE outbox ADD COLUMN partition_key TEXT NOT NULL DEFAULT '';
                ALTER TABLE outbox ADD COLUMN parked INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("outbox-v3") { db in
            try db.execute(sql: """
                ALTER TABLE outbox ADD COLUMN destination TEXT NOT NULL DEFAULT '';
                DROP INDEX outbox_undelivered;
                CREATE INDEX outbox_undelivered ON outbox(destination, sequence) WHERE delivered_at IS NULL;
                """)
        }
    }

    /// Queues a message to `destination` (a peer service; "" is the service's first peer) for
    /// `partition` (its account); call inside the transaction that makes the change it announces.
    public static func enqueue(
        _ db: Database, messageID: String, partition: String, destination: String = "", method: String, payload: [UInt8],
        at now: Instant
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO outbox (message_id, partition_key, destination, method, payload, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [messageID, partition, destination, method, Data(payload), now.unixMilliseconds])
    }

    /// The undelivered messages to `destination` written after `sequence`, in write order.
    public static func undelivered(
        _ db: Database, destination: String = "", after sequence: Int64 = 0, limit: Int
    ) throws -> [Message] {
        try Row.fetchAll(db, sql: """
            SELECT sequence, message_id, partition_key, method, payload, attempts FROM outbox
            WHERE delivered_at IS NULL AND destination = ? AND sequence > ? ORDER BY sequence LIMIT ?
            """, arguments: [destination, sequence, limit]).map { row in
            Message(sequence: row["sequence"], messageID: row["message_id"], partition: row["partition_key"],
                    method: row["method"], payload: [UInt8](row["payload"] as Data), attempts: row["attempts"])
        }
    }

    /// Marks a message acknowledged by its receiver.
    public static func markDelivered(_ db: Database, sequence: Int64, at now: Instant) throws {
        try db.execute(sql: """
            UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL, parked = 0 WHERE sequence = ?
            """, arguments: [now.unixMilliseconds, sequence])
    }

    /// Records a failed delivery attempt (it will be retried); `parked` when the peer refused
    /// it (it then holds back its partition), not when the peer could not be reached.
    public static func recordFailure(_ db: Database, sequence: Int64, error: String, parked: Bool) throws {
        try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, parked = ? WHERE sequence = ?",
                       arguments: [error, parked ? 1 : 0, sequence])
    }

    /// How many messages to `destination` wait for delivery.
    public static func backlog(_ db: Database, destination: String = "") throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND destination = ?",
                         arguments: [destination]) ?? 0
    }

    /// Whether every message whose id starts with `prefix` was delivered (e.g. an order's).
    public static func isDelivered(_ db: Database, messageIDPrefix prefix: String) throws -> Bool {
        let waiting = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND substr(message_id, 1, length(?)) = ?
            """, arguments: [prefix, prefix]) ?? 0
        return waiting == 0
    }

    /// What operators see of an outbox (`GetOutboxStatus`).
    public struct Report: Sendable, Equatable {
        /// One message as listed.
        public struct Entry: Sendable, Equatable {
            public let sequence: Int64
            public let messageID: String
            public let partition: String
            /// The peer it goes to ("" for the service's first peer).
            public let destination: String
            public let method: String
            public let createdAt: Instant
            public let attempts: Int
            public let lastError: String?
            public let parked: Bool
            public let deliveredAt: Instant?
        }

        /// Messages not yet acknowledged.
        public let backlog: Int
        /// Messages acknowledged so far.
        public let delivered: Int
        /// Messages the peer refuses, each holding back its partition.
        public let parked: Int
        /// The oldest undelivered messages, at most 100.
        public let waiting: [Entry]
        /// The latest delivered messages, at most 20, newest first.
        public let recent: [Entry]
    }

    /// The outbox to `destination` as operators see it.
    public static func report(_ db: Database, destination: String = "") throws -> Report {
        func entries(_ sql: String) throws -> [Report.Entry] {
            try Row.fetchAll(db, sql: sql, arguments: [destination]).map { row in
                Report.Entry(
                    sequence: row["sequence"], messageID: row["message_id"], partition: row["partition_key"],
                    destination: row["destination"], method: row["method"], createdAt: Instant(unixMilliseconds: row["created_at"]), attempts: row["attempts"],
                    lastError: row["last_error"], parked: row["parked"] as Int != 0,
                    deliveredAt: (row["delivered_at"] as Int64?).map(Instant.init(unixMilliseconds:)))
            }
        }
        func count(_ condition: String) throws -> Int {
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE destination = ? AND \(condition)",
                             arguments: [destination]) ?? 0
        }
        return Report(
            backlog: try count("delivered_at IS NULL"),
            delivered: try count("delivered_at IS NOT NULL"),
            parked: try count("delivered_at IS NULL AND parked = 1"),
            waiting: try entries(
                "SELECT * FROM outbox WHERE destination = ? AND delivered_at IS NULL ORDER BY sequence LIMIT 100"),
            recent: try entries(
                "SELECT * FROM outbox WHERE destination = ? AND delivered_at IS NOT NULL ORDER BY sequence DESC LIMIT 20"))
    }
}
