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

    final class Peer: Sendable {
        let received = Received()
        let server: RPCServer

        init(directory: String) {
            let received = self.received
            var router = Router(serviceName: "peer")
            router.register("huanju.testing.v1.Peer/Receive") { (request: HealthCheckRequest, _) in
                received.names.withLock { $0.append(request.service) }
                return HealthCheckResponse(status: .serving)
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
                try Outbox.enqueue(db, messageID: name, method: "huanju.testing.v1.Peer/Receive",
                                   payload: try HealthCheckRequest(service: name).serializedBytes(), at: clock.now())
            }
        }
        let relay = OutboxRelay(database: db, peer: RPCClient(socketPath: "\(directory)/peer-admin.sock"),
                                clock: clock, logger: Logger(label: "test"))
        // When the relay tries, Then it reports failure and keeps them
        #expect(try await relay.deliverPending() == false)
        #expect(try await db.read { try Outbox.backlog($0) } == 3)
        // When the peer comes up and the relay tries again
        let peer = Peer(directory: directory)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await peer.server.run() }
            try await peer.server.waitUntilListening()
            #expect(try await relay.deliverPending())
            // And tries once more
            #expect(try await relay.deliverPending())
            peer.server.beginGracefulShutdown()
            try await group.waitForAll()
        }
        // Then the peer received each once, in order
        #expect(peer.received.names.withLock { $0 } == ["one", "two", "three"])
        #expect(try await db.read { try Outbox.backlog($0) } == 0)
    }

    @Test func theRelayEndsCleanlyOnGracefulShutdown() async throws {
        // Given a relay idling in a service group (nothing to deliver)
        var migrator = DatabaseMigrator()
        Outbox.registerMigration(in: &migrator)
        let relay = OutboxRelay(database: try ServiceDatabase.inMemory(migrator: migrator),
                                peer: RPCClient(socketPath: "/tmp/hj-no-peer.sock"),
                                clock: ManualClock(Instant.cst(2020, 1, 1, 12, 0)), logger: Logger(label: "test"))
        let group = ServiceGroup(services: [relay], logger: Logger(label: "test"))
        // When the group shuts down gracefully, Then it returns without an error (exit 0)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(300))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
