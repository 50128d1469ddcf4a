@testable import HuanjuWire
import HuanjuTestSupport
import Testing

/// A call whose task is cancelled lets go of its connection at once: after its caller gave
/// up, a peer that never answers holds nothing of the client.
@Suite struct RPCClientCancellationTests {
    @Test func aCancelledCallToAHungPeerFreesItsEntryAndTimerAtOnce() async throws {
        // Given a peer that reads calls and never answers, and a call to it with 30 s to wait
        let peer = try await HungPeer.listen(at: "\(TestServer.makeTemporaryDirectory())/hung.sock")
        let client = RPCClient(socketPath: peer.socketPath, defaultDeadline: .seconds(30))
        let call = Task { try await client.send(method: TestMethods.slow.name, payload: []) }
        try await peer.waitUntilReceived(1)
        #expect(try await client.pendingCalls() == (calls: 1, timeouts: 1))
        // When its task is cancelled
        call.cancel()
        // Then it throws CancellationError (not DEADLINE_EXCEEDED 31 s later)
        await #expect(throws: CancellationError.self) { try await call.value }
        // And the client holds neither an entry nor a timer for it any more
        #expect(try await client.pendingCalls() == (calls: 0, timeouts: 0))
        await client.close()
        await peer.stop()
    }

    @Test func anAnsweredCallLeavesNoTimerBehind() async throws {
        try await TestServer().serving { server in
            // Given a client whose call was answered
            let client = server.client()
            let answer: ConformanceV1.AllKinds = try await client.call(TestMethods.echo, ConformanceV1.AllKinds(text: "hi"))
            #expect(answer.text == "hi")
            // Then neither its entry nor its timer (10 s + 1 s away) is left on the connection
            #expect(try await client.pendingCalls() == (calls: 0, timeouts: 0))
            await client.close()
        }
    }

    @Test func aCallFromACancelledTaskIsNotSent() async throws {
        let peer = try await HungPeer.listen(at: "\(TestServer.makeTemporaryDirectory())/hung.sock")
        let client = RPCClient(socketPath: peer.socketPath)
        // Given a task that is already cancelled, When it makes a call
        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(method: TestMethods.slow.name, payload: [])
        }
        // Then it throws CancellationError without even connecting
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(client.connectAttempts == 0)
        await peer.stop()
    }
}
