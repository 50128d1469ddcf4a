import GRDB
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import Testing

@Suite struct OutboxTests {
    static func database() throws -> DatabaseQueue {
        var migrator = DatabaseMigrator()
        Outbox.registerMigration(in: &migrator)
        Inbox.registerMigration(in: &migrator)
        return try ServiceDatabase.inMemory(migrator: migrator)
    }

    @Test func messagesComeOutInTheOrderTheyWereQueued() throws {
        let db = try Self.database()
        let now = Instant.cst(2020, 1, 1, 12, 0)
        try db.write { db in
            for id in ["b", "a", "c"] {
                try Outbox.enqueue(db, messageID: id, partition: "acc_A", method: "m", payload: [1], at: now)
            }
        }
        let order = try db.read { try Outbox.undelivered($0, limit: 10).map(\.messageID) }
        #expect(order == ["b", "a", "c"])
    }

    @Test func aDeliveredMessageIsNotDeliveredAgain() throws {
        let db = try Self.database()
        let now = Instant.cst(2020, 1, 1, 12, 0)
        try db.write { try Outbox.enqueue($0, messageID: "order_1/codes", partition: "acc_A", method: "m", payload: [], at: now) }
        let first = try #require(try db.read { try Outbox.undelivered($0, limit: 1).first })
        #expect(try db.read { try Outbox.isDelivered($0, messageIDPrefix: "order_1/") } == false)
        try db.write { try Outbox.markDelivered($0, sequence: first.sequence, at: now) }
        #expect(try db.read { try Outbox.undelivered($0, limit: 10) }.isEmpty)
        #expect(try db.read { try Outbox.isDelivered($0, messageIDPrefix: "order_1/") })
        #expect(try db.read { try Outbox.backlog($0) } == 0)
    }

    @Test func aMessageIdCanBeQueuedOnlyOnce() throws {
        let db = try Self.database()
        let now = Instant.cst(2020, 1, 1, 12, 0)
        try db.write { try Outbox.enqueue($0, messageID: "x", partition: "acc_A", method: "m", payload: [], at: now) }
        #expect(throws: (any Error).self) {
            try db.write { try Outbox.enqueue($0, messageID: "x", partition: "acc_A", method: "m", payload: [], at: now) }
        }
    }

    @Test func theInboxClaimsAMessageOnlyTheFirstTime() throws {
        let db = try Self.database()
        let now = Instant.cst(2020, 1, 1, 12, 0)
        #expect(try db.write { try Inbox.claim($0, messageID: "event-1", at: now) })
        #expect(try db.write { try Inbox.claim($0, messageID: "event-1", at: now) } == false)
        #expect(try db.write { try Inbox.claim($0, messageID: "event-2", at: now) })
    }
}
