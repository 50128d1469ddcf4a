import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("ListBroadcasts — keyset pages on (started_at DESC, broadcast_id DESC)")
struct ListBroadcastsPagingTests {
    /// Runs `count` broadcasts of code A one after another, a minute apart (each ended before
    /// the next), and returns their ids, oldest first.
    private func runBroadcasts(_ count: Int, on service: ServiceHarness) async throws -> [String] {
        var ids: [String] = []
        for _ in 0..<count {
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            ids.append(id)
            service.clock.advance(by: .minutes(1))
            _ = try await service.hosted(Session.endBroadcast, id, token: started.hostToken)
        }
        return ids
    }

    @Test func pagesRunNewestFirstAndABroadcastStartedBetweenPagesShiftsNothing() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given five broadcasts of account A
            let ids = try await runBroadcasts(5, on: service)
            // When A reads two, then a new broadcast starts, then A reads on
            let first = try await service.list(pageSize: 2)
            let newest = try #require(try await service.start().broadcast).broadcastID
            let second = try await service.list(pageSize: 2, pageToken: first.nextPageToken)
            let third = try await service.list(pageSize: 2, pageToken: second.nextPageToken)
            // Then the pages continue where the previous one stopped: nothing repeated or skipped
            #expect(first.broadcasts.map(\.broadcastID) == [ids[4], ids[3]])
            #expect(second.broadcasts.map(\.broadcastID) == [ids[2], ids[1]])
            #expect(third.broadcasts.map(\.broadcastID) == [ids[0]])
            #expect(third.nextPageToken == "")
            // And a fresh listing starts with the new one
            #expect(try await service.list(pageSize: 1).broadcasts.map(\.broadcastID) == [newest])
        }
    }

    @Test func broadcastsStartedAtTheSameInstantArePagedByIdDescending() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        activation.add("HJ-BBBBB", id: "code_B", capacity: 200)
        activation.add("HJ-CCCCC", id: "code_C", capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given three broadcasts of account A started at the same instant
            var ids: [String] = []
            for code in [codeA, "HJ-BBBBB", "HJ-CCCCC"] {
                ids.append(try #require(try await service.start(code).broadcast).broadcastID)
            }
            // When A lists them one at a time
            var listed: [String] = []
            var token = ""
            repeat {
                let page = try await service.list(pageSize: 1, pageToken: token)
                listed += page.broadcasts.map(\.broadcastID)
                token = page.nextPageToken
            } while !token.isEmpty
            // Then each comes once, by id descending
            #expect(listed == ids.sorted(by: >))
        }
    }

    @Test func pageSizeZeroMeans50And500IsTheMost() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given 51 broadcasts of account A
            let ids = try await runBroadcasts(51, on: service)
            // When A lists them with page size 0, then with 500
            let first = try await service.list()
            let all = try await service.list(pageSize: 500)
            // Then 0 gives 50 and a token for the last one; 500 gives all 51
            #expect(first.broadcasts.count == 50)
            #expect(try await service.list(pageToken: first.nextPageToken).broadcasts.map(\.broadcastID) == [ids[0]])
            #expect(all.broadcasts.count == 51)
            #expect(all.nextPageToken == "")
            // And 501 is refused, saying what is allowed
            await expectRefusal(.invalidArgument, "page_size must be at most 500 (got 501)") {
                try await service.list(pageSize: 501)
            }
        }
    }

    @Test func aTokenThatNamesNoBroadcastOfTheCallersListingIsRefused() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        activation.add("HJ-BBBBB", id: "code_B", account: accountB, capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given broadcasts of A and of B, and a token A was given
            let ids = try await runBroadcasts(3, on: service)
            let other = try #require(try await service.start("HJ-BBBBB", as: accountB).broadcast)
            let issued = try await service.list(pageSize: 1).nextPageToken
            #expect(try await service.list(pageSize: 1, pageToken: issued).broadcasts.map(\.broadcastID) == [ids[1]])
            // When tokens are forged: text that is no token, B's broadcast, an unknown id, a
            // real broadcast with another start, a second key the listing does not use
            let started = try #require(try await service.core.store.broadcast(ids[2])).startedAt.unixMilliseconds
            let forged = [
                "abc", "p1.", issued + "A",
                PagePosition(key: other.startedAtMs, id: other.broadcastID).token,
                PagePosition(key: started, id: "bc_0000000000000000").token,
                PagePosition(key: started + 1, id: ids[2]).token,
                PagePosition(key: started, secondKey: 1, id: ids[2]).token,
            ]
            // Then each is refused as not issued, and B's own listing refuses A's token
            for token in forged {
                await expectRefusal(.invalidArgument, "is not one this service issued") {
                    try await service.list(pageToken: token)
                }
            }
            await expectRefusal(.invalidArgument, "is not one this service issued") {
                try await service.list(as: accountB, pageToken: issued)
            }
        }
    }
}
