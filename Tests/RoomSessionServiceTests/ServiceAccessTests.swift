import HuanjuTestSupport
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("RULES §9, §10 — who sees and ends a broadcast")
struct ServiceAccessTests {
    @Test func anotherAccountsBroadcastIsNotFoundExactlyLikeAnUnknownOne() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given account A's live broadcast
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            // When account B (or nobody, or a wrong token) asks about it, or tries to end it
            // Then the answer is the one an unknown id gets
            let unknown = await refusal { try await service.hosted(Session.getBroadcast, "bc_0000000000000000", as: accountB) }
            #expect(unknown?.code == .notFound)
            for method in [Session.getBroadcast, Session.endBroadcast] {
                let foreign = await refusal { try await service.hosted(method, id, as: accountB) }
                #expect(foreign?.code == .notFound)
                #expect(foreign?.message == unknown?.message.replacingOccurrences(of: "bc_0000000000000000", with: id))
                #expect(await refusal { try await service.hosted(method, id, token: "ht_guess") }?.code == .notFound)
            }
            #expect(await refusal { try await service.radar(id, as: accountB) }?.code == .notFound)
            // And it is still live; account A and the host token both see it
            #expect(try await service.hosted(Session.getBroadcast, id, as: accountA).state == .live)
            #expect(try await service.hosted(Session.getBroadcast, id, token: started.hostToken).state == .live)
            #expect(try await service.radar(id, as: accountA).broadcast?.broadcastID == id)
        }
    }

    @Test func anAccountListsItsOwnBroadcastsNewestFirstPaged() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        activation.add("HJ-BBBBB", id: "code_B", account: accountB, capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given account A ran three broadcasts (the last one live with a viewer) and B one
            var ids: [String] = []
            for _ in 0..<3 {
                let started = try await service.start()
                ids.append(try #require(started.broadcast).broadcastID)
                service.clock.advance(by: .minutes(10))
                if ids.count < 3 { _ = try await service.hosted(Session.endBroadcast, ids.last!, token: started.hostToken) }
            }
            _ = try await service.start("HJ-BBBBB", as: accountB)
            _ = try await service.viewer(Session.join, ids[2], "wx_1", client: service.client())
            await service.upkeep()
            // When A lists them two at a time
            let client = service.client()
            let first = try await service.list(pageSize: 2, client: client)
            let second = try await service.list(pageSize: 2, pageToken: first.nextPageToken, client: client)
            // Then they come newest first, the live one with its present viewers, and only A's
            #expect(first.broadcasts.map(\.broadcastID) == [ids[2], ids[1]])
            #expect(first.broadcasts[0].state == .live)
            #expect(first.broadcasts[0].presentViewers == 1)
            #expect(first.broadcasts[1].state == .ended)
            #expect(second.broadcasts.map(\.broadcastID) == [ids[0]])
            #expect(second.nextPageToken == "")
            await expectRefusal(.invalidArgument, "page_token") { try await service.list(pageToken: "abc", client: client) }
        }
    }

    @Test func aPaidRadarListsEveryViewerRankedAndPaged() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given 5 viewers who joined a minute apart and stayed
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            let client = service.client()
            for number in 0..<5 {
                _ = try await service.viewer(Session.join, id, "wx_\(number)", client: client)
                service.clock.advance(by: .minutes(1))
            }
            // When the host reads the radar 2 at a time
            let first = try await service.radar(id, token: started.hostToken, pageSize: 2)
            let second = try await service.radar(id, token: started.hostToken, pageSize: 2, pageToken: first.nextPageToken)
            let third = try await service.radar(id, token: started.hostToken, pageSize: 2, pageToken: second.nextPageToken)
            // Then every viewer is listed, longest watcher first, ranks running on
            #expect(!first.redacted)
            #expect((first.viewers + second.viewers + third.viewers).map(\.viewerID) == ["wx_0", "wx_1", "wx_2", "wx_3", "wx_4"])
            #expect((first.viewers + second.viewers + third.viewers).map(\.rank) == [1, 2, 3, 4, 5])
            #expect(third.nextPageToken == "")
            #expect(first.totals?.uniqueViewers == 5)
            // And after the broadcast ended and left memory, the stored radar reads the same
            _ = try await service.hosted(Session.endBroadcast, id, as: accountA)
            await service.upkeep()
            let live = first.viewers + second.viewers + third.viewers
            let stored = try await service.radar(id, as: accountA, pageSize: 500)
            #expect(stored.viewers == live)
            #expect(stored.broadcast?.state == .ended)
            #expect(stored.totals?.endedAtMs == (serviceStart + .minutes(5)).unixMilliseconds)
            await expectRefusal(.invalidArgument, "at most 500") { try await service.radar(id, as: accountA, pageSize: 501) }
        }
    }
}
