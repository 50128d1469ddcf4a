import GRDB
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// The relay delivers in order, retries while the peer is down, and stops re-sending once acknowledged.
@Suite struct OutboxRelayTests {
    /// A peer that records the health-check "service" names it receives, as message payloads.
    final class Received: Sendable {
        let names = Mutex<[String]>([])
    }

    final class Refusing: Sendable {
        let names = Mutex<Set<String>>([])
    }

    final class Peer: Sendable {
        /// The peer's one method: a message is a health-check request naming it in `service`.
        static let receive = MethodDescriptor<HealthV1.HealthCheckRequest, HealthV1.HealthCheckResponse>(
            name: "huanju.testing.v1.Peer/Receive", access: .peer, requires: [], accepts: [], execution: .task,
            summary: "Records the message, or refuses it.")

        let received = Received()
        let server: RPCServer
        /// Names the peer refuses (FAILED_PRECONDITION), as a receiver refuses what it cannot apply.
        let refusing = Refusing()

        init(directory: String) {
            let received = self.received
            let refusing = self.refusing
            var router = Router(serviceName: "peer")
            router.register(Self.receive) { request, _ in
                if refusing.names.withLock({ $0.contains(request.service) }) {
                    throw RPCError(.failedPrecondition, "cannot apply \(request.service)")
                }
                received.names.withLock { $0.append(request.service) }
                return HealthV1.HealthCheckResponse(status: .serving)
            }
            server = RPCServer(configuration: ServerConfiguration(serviceName: "peer", runtimeDirectory: directory), router: router)
        }
    }

    @Test func undeliveredMessagesReachThePeerInOrderOnceItIsUp() async throws {
        let directory = TemporaryDirectory.make()
        var migrator = DatabaseMigrator()
        Outbox.registerMigration(in: &migrator)
        let db = try ServiceDatabase.inMemory(migrator: migrator)
        let clock = ManualClock(Instant.cst(2020, 1, 1, 12, 0))
        // Given three messages queued while the peer is down
        try await db.write { db in
            for name in ["one", "two", "three"] {
                try Outbox.enqueue(db, messageID: name, partition: "acc_A", method: Peer.receive.name,
                                   payload: HealthV1.HealthCheckRequest(service: name).serializedBytes(), at: clock.now())
            }
        }
        let relay = OutboxRelay(database: db, peer: RPCClient(socketPath: "\(directory)/peer-admin.sock"),
                                clock: clock, logger: Logger(label: "test"))
        // When the relay tries, Then it reports failure and keeps them
        #expect(try await relay.deliverPending() == .peerUnreachable)
        #expect(try await db.read { try Outbox.backlog($0) } == 3)
        // When the peer comes up and the relay tries again
        let peer = Peer(directory: directory)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await peer.server.run() }
            try await peer.server.waitUntilListening()
            #expect(try await relay.deliverPending() == .delivered)
            // And tries once more
            #expect(try await relay.deliverPending() == .delivered)
            peer.server.beginGracefulShutdown()
            try await group.waitForAll()
        }
        // Then the peer received each once, in order
        #expect(peer.received.names.withLock { $0 } == ["one", "two", "three"])
        #expect(try await db.read { try Outbox.backlog($0) } == 0)
    }

    @Test func aRefusedMessageHoldsBackOnlyItsOwnAccount() async throws {
        let directory = TemporaryDirectory.make()
        var migrator = DatabaseMigrator()
        Outbox.registerMigration(in: &migrator)
        let db = try ServiceDatabase.inMemory(migrator: migrator)
        let clock = ManualClock(Instant.cst(2020, 1, 1, 12, 0))
        // Given A's first message the peer cannot apply, A's second, and B's
        try await db.write { db in
            for (name, account) in [("a-1", "acc_A"), ("a-2", "acc_A"), ("b-1", "acc_B")] {
                try Outbox.enqueue(db, messageID: name, partition: account, method: Peer.receive.name,
                                   payload: HealthV1.HealthCheckRequest(service: name).serializedBytes(), at: clock.now())
            }
        }
        let peer = Peer(directory: directory)
        peer.refusing.names.withLock { $0 = ["a-1"] }
        let relay = OutboxRelay(database: db, peer: RPCClient(socketPath: "\(directory)/peer-admin.sock"),
                                clock: clock, logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await peer.server.run() }
            try await peer.server.waitUntilListening()
            // When the relay delivers
            // Then B's message goes through, A's first is parked with the peer's reason, A's second waits behind it
            #expect(try await relay.deliverPending() == .refused(partitions: ["acc_A"]))
            #expect(peer.received.names.withLock { $0 } == ["b-1"])
            let report = try await db.read { try Outbox.report($0) }
            #expect(report.backlog == 2 && report.parked == 1)
            #expect(report.waiting.map(\.messageID) == ["a-1", "a-2"])
            #expect(report.waiting.first?.parked == true)
            #expect(report.waiting.first?.lastError == "FAILED_PRECONDITION: cannot apply a-1")
            #expect(report.waiting.last?.attempts == 0)
            // And once the peer can apply it (upgraded), A's messages follow, in order
            peer.refusing.names.withLock { $0 = [] }
            #expect(try await relay.deliverPending() == .delivered)
            #expect(peer.received.names.withLock { $0 } == ["b-1", "a-1", "a-2"])
            peer.server.beginGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test func aCommitToTheOutboxWakesTheRelayAtOnce() async throws {
        let directory = TemporaryDirectory.make()
        var migrator = DatabaseMigrator()
        Outbox.registerMigration(in: &migrator)
        let db = try ServiceDatabase.inMemory(migrator: migrator)
        let clock = ManualClock(Instant.cst(2020, 1, 1, 12, 0))
        let peer = Peer(directory: directory)
        // Given a relay with nothing to do, which otherwise looks only once an hour
        let relay = OutboxRelay(database: db, peer: RPCClient(socketPath: "\(directory)/peer-admin.sock"),
                                clock: clock, logger: Logger(label: "test"), idleCheck: .seconds(3600))
        let group = ServiceGroup(services: [relay], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await peer.server.run() }
            try await peer.server.waitUntilListening()
            tasks.addTask { try await group.run() }
            // When a transaction writes a message
            try await db.write { db in
                try Outbox.enqueue(db, messageID: "now", partition: "acc_A", method: Peer.receive.name,
                                   payload: HealthV1.HealthCheckRequest(service: "now").serializedBytes(), at: clock.now())
            }
            // Then the peer receives it without the hour's wait
            try await waitUntil("the message was delivered") { peer.received.names.withLock { $0 } == ["now"] }
            await group.triggerGracefulShutdown()
            peer.server.beginGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func theRelayEndsCleanlyOnGracefulShutdown() async throws {
        // Given a relay in a service group, retrying a message its absent peer cannot take
        var migrator = DatabaseMigrator()
        Outbox.registerMigration(in: &migrator)
        let database = try ServiceDatabase.inMemory(migrator: migrator)
        let clock = ManualClock(Instant.cst(2020, 1, 1, 12, 0))
        try await database.write { db in
            try Outbox.enqueue(db, messageID: "waiting", partition: "acc_A", method: Peer.receive.name, payload: [], at: clock.now())
        }
        let relay = OutboxRelay(database: database, peer: RPCClient(socketPath: "/tmp/hj-no-peer-\(UInt32.random(in: 0...UInt32.max)).sock"),
                                clock: clock, logger: Logger(label: "test"), deliveryDeadline: .milliseconds(100))
        let group = ServiceGroup(services: [relay], logger: Logger(label: "test"))
        let outcome = try await withThrowingTaskGroup(of: Result<Void, any Error>.self) { tasks in
            tasks.addTask {
                do {
                    try await group.run()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            // (it tried: a failed attempt is recorded)
            try await waitUntil("the relay tried once") {
                try await database.read { try Int.fetchOne($0, sql: "SELECT attempts FROM outbox") ?? 0 } >= 1
            }
            // When the group shuts down gracefully
            await group.triggerGracefulShutdown()
            return try await tasks.next()
        }
        // Then it returns without an error (the process exits 0)
        #expect(throws: Never.self) { try outcome?.get() }
        // And the undelivered message waits in the outbox for the next start, its failure recorded
        let rows = try database.read { try Row.fetchAll($0, sql: "SELECT delivered_at, last_error FROM outbox") }
        #expect(rows.count == 1)
        #expect(rows.first?["delivered_at"] as Int64? == nil)
        #expect((rows.first?["last_error"] as String?)?.contains("UNAVAILABLE") == true)
    }
}

/// Polls `condition` (every 10 ms, at most 20 s of real time) until it holds.
func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    let giveUp = ContinuousClock.now + .seconds(20)
    while try await !condition() {
        guard ContinuousClock.now < giveUp else { throw RPCError(.deadlineExceeded, "gave up waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}
