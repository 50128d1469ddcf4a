import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

@testable import RoomSessionService

@Suite("RULES §7, §10 — starting a paid broadcast")
struct ServiceStartTests {
    @Test func aSuspendedCodeCannotStartABroadcast() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        let suspension = "code HJ-…-7Q is SUSPENDED: the account's annual fee ended at 2020-05-31 12:00 CST; renew it"
        activation.update { $0.refusal = RPCError(.failedPrecondition, suspension) }
        try await ServiceHarness.run(authorizer: activation) { service in
            // When the host starts a broadcast with a suspended code
            // Then activation's refusal is passed through, status and message
            await expectRefusal(.failedPrecondition, suspension) { try await service.start() }
            #expect(service.core.engine.sweep(now: service.clock.now()).liveRooms == 0)
        }
    }

    @Test func aSecondBroadcastOnALiveCodeIsRefusedNamingTheLiveOne() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a live broadcast of code A
            let first = try await service.start()
            let firstID = try #require(first.broadcast).broadcastID
            // When the host starts another with the same code
            // Then it is refused, naming the live broadcast
            await expectRefusal(.failedPrecondition, firstID, "one broadcast at a time") { try await service.start() }
            // And once the first is ended by its host, the code starts a new one
            let ended = try await service.hosted(Session.endBroadcast, firstID, token: first.hostToken)
            #expect(ended.state == .ended)
            #expect(ended.endReason == .hostEnded)
            let second = try await service.start()
            #expect(second.broadcast?.broadcastID != firstID)
        }
    }

    @Test func concurrentStartsOnOneCodeLeaveOneLiveBroadcast() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // When 8 starts with the same code race
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { await refusal { try await service.start() } == nil } }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            // Then exactly one succeeds
            #expect(outcomes.filter { $0 }.count == 1)
        }
    }

    @Test func anotherWeChatIdCannotStartABroadcastWithABoundCode() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            await expectRefusal(.permissionDenied, "bound to another device or WeChat id") {
                try await service.start(wechat: "someone-else")
            }
        }
    }

    @Test func anotherAccountsCodeIsNotFoundLikeAnUnknownCode() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // When account B starts a broadcast with account A's code (and the right phone)
            let foreign = await refusal { try await service.start(as: accountB) }
            let unknown = await refusal { try await service.start("HJ-ZZZZZ-ZZZZZ-ZZZZZ-ZZ", as: accountB) }
            // Then it is NOT_FOUND, as an unknown code is
            #expect(foreign?.code == .notFound)
            #expect(unknown?.code == .notFound)
        }
    }

    @Test func aPaidStartNeedsTheCallersAccount() async throws {
        try await ServiceHarness.run { service in
            await expectRefusal(.unauthenticated, "account-id") {
                try await service.session().startBroadcast(
                    SessionV1.StartBroadcastRequest(code: codeA, deviceID: deviceA, wechatOpenid: wechatA))
            }
        }
    }

    @Test func activationUnreachableMakesPaidStartsUnavailableWhileTrialsAndLiveRoomsWork() async throws {
        let directory = TemporaryDirectory.make("hjrs")
        // (waiting 300 ms for a socket that never appears)
        let nowhere = ActivationAuthorizer(
            client: RPCClient(socketPath: "\(directory)/activation-admin.sock"), deadline: .milliseconds(300))
        try await ServiceHarness.run(authorizer: nowhere, directory: directory) { service in
            // Given a live trial with a viewer
            let trial = try #require(try await service.trial().broadcast)
            let client = service.client()
            _ = try await service.viewer(Session.join, trial.broadcastID, "wx_1", client: client)
            // When a host starts a paid broadcast while activation is down
            // Then it is UNAVAILABLE, saying what still works
            await expectRefusal(
                .unavailable, "cannot reach the activation service; live broadcasts and trials are unaffected"
            ) { try await service.start() }
            // And trials still start and live rooms still admit
            _ = try await service.trial(wechat: "another")
            #expect(try await service.viewer(Session.join, trial.broadcastID, "wx_2", client: client).presentViewers == 2)
        }
    }

    @Test func aTitleIsCheckedAndShown() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // A title is limited in UTF-8 bytes (proto/session.proto): 200 Chinese characters fit, 201 do not
            await expectRefusal(.invalidArgument, "field title is 603 bytes long; at most 600 bytes of UTF-8 are accepted") {
                try await service.start(title: String(repeating: "字", count: 201))
            }
            await expectRefusal(.invalidArgument, "field title contains the character U+001B") {
                try await service.start(title: "\u{1B}[2J launch")
            }
            let longest = try await service.start(title: String(repeating: "字", count: 200))
            #expect(longest.broadcast?.title.count == 200)
            _ = try await service.hosted(Session.endBroadcast, longest.broadcast?.broadcastID ?? "", token: longest.hostToken)
            let started = try await service.start(title: "新品发布会")
            #expect(started.broadcast?.title == "新品发布会")
            #expect(started.hostToken.hasPrefix("ht_"))
            #expect(started.hostToken.count == 35)
        }
    }
}
