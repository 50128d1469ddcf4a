import HuanjuTestSupport
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("RULES §7 — admission over the wire")
struct ServiceAdmissionTests {
    @Test func aPaidBroadcastAdmitsExactlyItsCapacityAndRefusesTheNextNamingTheLimit() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 50)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast started with a code of capacity 50
            let started = try await service.start()
            let broadcast = try #require(started.broadcast)
            #expect(broadcast.viewerLimit == 50)
            #expect(broadcast.state == .live)
            // When 50 distinct viewers join
            let filled = try await service.fill(broadcast.broadcastID, viewers: 0..<50)
            #expect(filled.admitted == 50)
            // Then the 51st is refused, naming the limit
            let client = service.client()
            await expectRefusal(.resourceExhausted, "limit 50") {
                try await service.viewer(Session.join, broadcast.broadcastID, "wx_50", client: client)
            }
            // And a viewer rejoining does not count twice: still admitted, still 50 present
            let rejoin = try await service.viewer(Session.join, broadcast.broadcastID, "wx_7", client: client)
            #expect(rejoin.presentViewers == 50)
            #expect(rejoin.viewerLimit == 50)
            let shown = try await service.hosted(Session.getBroadcast, broadcast.broadcastID, token: started.hostToken)
            #expect(shown.presentViewers == 50)
            #expect(shown.peakViewers == 50)
        }
    }

    @Test func codeBExpandedTo30000AdmitsExactly30000AndRefusesThe30001st() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 30_000)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast of code B, Flagship + 10,000 viewers (RULES §11 step 6)
            let broadcast = try #require(try await service.start().broadcast)
            // When 30,001 distinct viewers join over 8 connections
            let filled = try await service.fill(broadcast.broadcastID, viewers: 0..<30_001, connections: 8, depth: 32)
            // Then exactly 30,000 are admitted and one is refused as the room is full
            #expect(filled.admitted == 30_000)
            #expect(filled.refused == [.resourceExhausted: 1])
        }
    }

    @Test func aRejoinNeverCountsTwice() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 2)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a room of 2 with "alice" present
            let id = try #require(try await service.start().broadcast).broadcastID
            let client = service.client()
            _ = try await service.viewer(Session.join, id, "alice", client: client)
            // When alice joins again twice
            _ = try await service.viewer(Session.join, id, "alice", client: client)
            let again = try await service.viewer(Session.join, id, "alice", client: client)
            // Then she counts once, and bob still fits
            #expect(again.presentViewers == 1)
            #expect(try await service.viewer(Session.join, id, "bob", client: client).presentViewers == 2)
        }
    }

    @Test func manyConnectionsRacingForTheLast10PlacesAdmitExactly10() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 50)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a room of 50 with 40 present
            let id = try #require(try await service.start().broadcast).broadcastID
            #expect(try await service.fill(id, viewers: 0..<40).admitted == 40)
            // When 16 connections race 400 new viewers for the last 10 places
            let raced = try await service.fill(id, viewers: 1_000..<1_400, connections: 16, depth: 8)
            // Then exactly 10 are admitted and every other join is refused as full
            #expect(raced.admitted == 10)
            #expect(raced.refused == [.resourceExhausted: 390])
            let room = try service.core.engine.snapshot(room: id, now: service.clock.now())
            #expect(room.presentCount == 50)
        }
    }

    @Test func aLeaseNotRenewedFreesThePlaceAndAHeartbeatKeepsIt() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 2)
        try await ServiceHarness.run(authorizer: activation, lease: .seconds(60)) { service in
            // Given a full room of 2: "keeps" and "drops" joined at 10:00
            let id = try #require(try await service.start().broadcast).broadcastID
            let client = service.client()
            let joined = try await service.viewer(Session.join, id, "keeps", client: client)
            #expect(joined.leaseExpiresAtMs == (serviceStart + .seconds(60)).unixMilliseconds)
            _ = try await service.viewer(Session.join, id, "drops", client: client)
            await expectRefusal(.resourceExhausted, "limit 2") {
                try await service.viewer(Session.join, id, "third", client: client)
            }
            // When "keeps" sends a heartbeat at +30 s and "drops" sends nothing
            service.clock.advance(by: .seconds(30))
            let beat = try await service.viewer(Session.heartbeat, id, "keeps", client: client)
            #expect(beat.leaseExpiresAtMs == (serviceStart + .seconds(90)).unixMilliseconds)
            #expect(beat.presentViewers == 2)
            service.clock.advance(by: .seconds(31))
            await service.upkeep()
            // Then at +61 s "drops" has lost its place, which "third" takes, and "keeps" is still present
            let third = try await service.viewer(Session.join, id, "third", client: client)
            #expect(third.presentViewers == 2)
            await expectRefusal(.notFound, "join again") {
                try await service.viewer(Session.heartbeat, id, "drops", client: client)
            }
            #expect(try await service.viewer(Session.heartbeat, id, "keeps", client: client).presentViewers == 2)
            // And leaving frees a place at once
            let left = try await service.viewer(Session.leave, id, "third", client: client)
            #expect(left.presentViewers == 1)
            #expect(left.leaseExpiresAtMs == 0)
            #expect(try await service.viewer(Session.join, id, "drops", client: client).presentViewers == 2)
        }
    }

    @Test func anUnknownBroadcastIsNotFoundOnTheViewerPath() async throws {
        try await ServiceHarness.run { service in
            let client = service.client()
            await expectRefusal(.notFound) {
                try await service.viewer(Session.join, "bc_NOSUCHBROADCAST", "wx_1", client: client)
            }
            await expectRefusal(.invalidArgument) {
                try await service.viewer(Session.join, "bc_NOSUCHBROADCAST", "", client: client)
            }
        }
    }
}
