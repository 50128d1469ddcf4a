import HuanjuAPI
import HuanjuTestSupport
@testable import HuanjuWire
import NIOCore
import Testing

@testable import RoomSessionService

/// Room-session asks activation while serving a host's StartBroadcast: activation gets the
/// time the host has left when that is shorter than the authorizer's own deadline; the sweep,
/// which serves no caller, keeps the authorizer's own.
@Suite struct ActivationDeadlineTests {
    @Test func theAuthorizerGivesActivationTheTimeTheHostHasLeft() async throws {
        // Given a host's call being served with 20 s left, and an activation that never answers
        // (asked by an authorizer whose own deadline is 30 s)
        let activation = try await HungPeer.listen(at: "\(TemporaryDirectory.make("hjrs"))/activation-admin.sock")
        let client = RPCClient(socketPath: activation.socketPath)
        let authorizer = ActivationAuthorizer(client: client, deadline: .seconds(30))
        let now = NIODeadline.now()
        let host = CallContext(callID: 1, method: SessionV1.RoomSessionService.Method.startBroadcast.name, socket: .publicSocket,
                               metadata: [:], receivedAt: now, deadline: now + .seconds(20))
        let request = ActivationV1.AuthorizeBroadcastRequest(code: codeA, deviceID: deviceA, wechatOpenid: wechatA)
        // When it asks activation for the host, and for the sweep (no caller)
        let forHost = Task { try await authorizer.authorizeBroadcast(request, forAccount: accountA, caller: host) }
        try await activation.waitUntilReceived(1)
        let forSweep = Task { try await authorizer.authorizeBroadcast(request, forAccount: accountA, caller: nil) }
        try await activation.waitUntilReceived(2)
        // Then the host's question carries at most its 20 s, the sweep's the authorizer's 30 s
        let asked = activation.requests.map(\.deadlineMs)
        #expect((1...20_000).contains(asked[0]), "deadline_ms \(asked)")
        #expect((20_001...30_000).contains(asked[1]), "deadline_ms \(asked)")
        // And both end at once when their tasks are cancelled, leaving nothing on the connection
        forHost.cancel()
        forSweep.cancel()
        await #expect(throws: CancellationError.self) { try await forHost.value }
        await #expect(throws: CancellationError.self) { try await forSweep.value }
        #expect(try await client.pendingCalls() == (calls: 0, timeouts: 0))
        await client.close()
        await activation.stop()
    }
}
