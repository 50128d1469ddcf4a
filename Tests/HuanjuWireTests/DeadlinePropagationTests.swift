@testable import HuanjuWire
import HuanjuTestSupport
import NIOCore
import Testing

/// A handler that calls a peer while serving a call passes on the time its caller has left,
/// and a caller that times out frees its call's slot at once, however long the peer hangs.
@Suite struct DeadlinePropagationTests {
    /// Asks the peer's `Test/Slow` within the time its own caller has left.
    static let askPeer = TestMethods.Method(
        name: "huanju.testing.v1.Test/AskPeer", access: .publicMethod, requires: [], accepts: [], execution: .task,
        summary: "Asks the peer within the time its caller has left.")
    /// Asks the peer's `Test/Slow` within its own 30 s, whatever its caller has left.
    static let askPeerWithItsOwnDeadline = TestMethods.Method(
        name: "huanju.testing.v1.Test/AskPeerWithItsOwnDeadline", access: .publicMethod, requires: [], accepts: [],
        execution: .task, summary: "Asks the peer within 30 s.")

    /// A router whose `AskPeer…` methods call `peer`, and whose `Conformance/Echo` echoes.
    private static func router(askingPeer peer: RPCClient) -> Router {
        var router = Router(serviceName: "virtual")
        router.register(askPeer) { request, context in
            try await peer.call(TestMethods.slow, request, deadline: context.peerDeadline(peer.defaultDeadline))
        }
        router.register(askPeerWithItsOwnDeadline) { request, _ in
            try await peer.call(TestMethods.slow, request)
        }
        router.register(TestMethods.echo) { request, _ in request }
        return router
    }

    private static func request(_ id: UInt64, _ method: TestMethods.Method, deadlineMs: UInt64) -> RPCV1.Request {
        RPCV1.Request(callID: id, method: method.name, deadlineMs: deadlineMs, payload: ConformanceV1.AllKinds().serializedBytes())
    }

    // The server runs on virtual time (its clock moves only when the test says), so the
    // handler has exactly the time the test gives it however loaded the machine is; the peer
    // is a real socket that reads calls and never answers.

    @Test func aHandlerWith3sLeftGivesItsPeerAtMost3s() async throws {
        let hung = try await HungPeer.listen(at: "\(TestServer.makeTemporaryDirectory())/peer.sock")
        let peer = RPCClient(socketPath: hung.socketPath, defaultDeadline: .seconds(30))
        let configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        let connection = try await VirtualTimeConnection.open(router: Self.router(askingPeer: peer), configuration: configuration)
        try await connection.runningJobs {
            // Given a call with 3 s to answer, whose handler asks a peer (its client's own
            // deadline: 30 s). (The peer call's timer is real: 3 s leave a loaded machine
            // ample time to connect and send before it fires.)
            try await connection.send(Self.request(1, Self.askPeer, deadlineMs: 3_000))
            // Then the peer is asked with at most those 3 s
            try await hung.waitUntilReceived(1)
            let asked = try #require(hung.requests.first)
            #expect(asked.method == TestMethods.slow.name)
            #expect((1...3_000).contains(asked.deadlineMs), "deadline_ms \(asked.deadlineMs)")
            // And when the 3 s pass without its answer, the caller is answered DEADLINE_EXCEEDED
            await connection.loop.advanceTime(by: .milliseconds(3_000))
            let answer = try #require(try await connection.response())
            #expect(answer.callID == 1 && answer.status == .deadlineExceeded)
        }
        // And the handler's call to the peer was let go (its task was cancelled with the call)
        #expect(try await peer.pendingCalls() == (calls: 0, timeouts: 0))
        await peer.close()
        await hung.stop()
    }

    @Test func aCallerThatTimesOutFreesItsSlotAtOnceThoughThePeerNeverAnswers() async throws {
        // Given a server running one call at a time per connection, whose handler asks a peer
        // that never answers within its own 30 s, whatever its caller has left
        let hung = try await HungPeer.listen(at: "\(TestServer.makeTemporaryDirectory())/peer.sock")
        let peer = RPCClient(socketPath: hung.socketPath, defaultDeadline: .seconds(30))
        var configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        configuration.maxCallsInFlightPerConnection = 1
        let connection = try await VirtualTimeConnection.open(router: Self.router(askingPeer: peer), configuration: configuration)
        try await connection.runningJobs {
            // When a call with 300 ms to wait, its handler waiting for the peer, reaches its deadline
            try await connection.send(Self.request(1, Self.askPeerWithItsOwnDeadline, deadlineMs: 300))
            try await hung.waitUntilReceived(1)
            await connection.loop.advanceTime(by: .milliseconds(300))
            // Then it is answered DEADLINE_EXCEEDED
            let expired = try #require(try await connection.response())
            #expect(expired.callID == 1)
            #expect(RPCError(expired.status, expired.message)
                == RPCError(.deadlineExceeded, "\(Self.askPeerWithItsOwnDeadline.name) did not finish within its deadline"))
            // And the next call on the connection starts and is answered with no time passing:
            // the handler's call to the peer ended with it and freed the slot (it does not hold
            // it for the 31 s its client would otherwise wait)
            try await connection.send(Self.request(2, TestMethods.echo, deadlineMs: 60_000))
            let next = try #require(try await connection.response(waitingUpTo: 20))
            #expect(next.callID == 2 && next.status == .ok)
        }
        #expect(try await peer.pendingCalls() == (calls: 0, timeouts: 0))
        await peer.close()
        await hung.stop()
    }

    @Test func aPeerCallGetsTheShorterOfItsOwnDeadlineAndTheCallersRemainingTime() {
        let received = NIODeadline.uptimeNanoseconds(5_000_000_000)
        let call = CallContext(callID: 1, method: "m", socket: .publicSocket, metadata: [:], receivedAt: received,
                               deadline: received + .milliseconds(300))
        // 100 ms into a call with 300 ms to answer, 200 ms are left
        #expect(call.remaining(now: received + .milliseconds(100)) == .milliseconds(200))
        // A peer call normally given 5 s gets those 200 ms; one given 50 ms keeps its 50 ms
        #expect(call.peerDeadline(.seconds(5), now: received + .milliseconds(100)) == .milliseconds(200))
        #expect(call.peerDeadline(.milliseconds(50), now: received + .milliseconds(100)) == .milliseconds(50))
        // Once the call's deadline has passed, nothing is left
        #expect(call.peerDeadline(.seconds(5), now: received + .milliseconds(300)) == .zero)
        #expect(call.peerDeadline(.seconds(5), now: received + .milliseconds(301)) < .zero)
    }

    @Test func aCallWithNoTimeLeftIsNotSent() async throws {
        // Given a caller whose deadline has passed
        let client = RPCClient(socketPath: "\(TestServer.makeTemporaryDirectory())/peer.sock")
        // When it would call a peer, Then it is DEADLINE_EXCEEDED without connecting
        await #expect {
            try await client.send(method: TestMethods.slow.name, payload: [], deadline: .milliseconds(-3))
        } throws: { error in
            (error as? RPCError) == RPCError(
                .deadlineExceeded, "\(TestMethods.slow.name) was not sent: no time was left for it (its caller's deadline has passed)")
        }
        #expect(client.connectAttempts == 0)
    }
}
