@testable import HuanjuWire
import Foundation
import Testing

/// A service that restarts leaves no socket (or a dead one) for a moment: a call then waits
/// for it, connecting again with a short backoff until its deadline. Only connecting is
/// retried: nothing was sent.
@Suite struct RPCClientConnectRetryTests {
    @Test func aSocketThatAppearsWhileACallWaitsIsConnectedToWithinItsDeadline() async throws {
        // Given a call (30 s to wait) to a service whose socket is not there yet
        let server = TestServer()
        let client = RPCClient(socketPath: server.publicSocket, defaultDeadline: .seconds(30))
        let call = Task { try await client.call(TestMethods.echo, ConformanceV1.AllKinds(text: "waited")) }
        try await waitUntil("the first connection attempt") { client.connectAttempts >= 1 }
        // When the service starts listening 300 ms after the first attempt
        try await Task.sleep(for: .milliseconds(300))
        try await server.serving { _ in
            // Then the call is connected and answered
            let answer = try await call.value
            #expect(answer.text == "waited")
        }
        #expect(client.connectAttempts >= 2)
    }

    @Test func aSocketNobodyListensOnIsWaitedForUntilItsServiceListens() async throws {
        // Given a socket file left by a process that died (connecting is refused: ECONNREFUSED)
        let directory = TestServer.makeTemporaryDirectory()
        let server = TestServer(directory: directory)
        try DeadSocketFile.create(at: server.publicSocket)
        let client = RPCClient(socketPath: server.publicSocket, defaultDeadline: .seconds(30))
        let call = Task { try await client.call(TestMethods.echo, ConformanceV1.AllKinds(text: "refused, then served")) }
        try await waitUntil("the first connection attempt") { client.connectAttempts >= 1 }
        // When the service starts again (replacing the dead socket)
        try await server.serving { _ in
            // Then the waiting call is answered
            let answer = try await call.value
            #expect(answer.text == "refused, then served")
        }
    }

    @Test func aSocketThatNeverAppearsIsUnavailableAtTheCallsDeadlineSayingWhatWasTried() async throws {
        // Given no service at the socket
        let client = RPCClient(socketPath: "\(TestServer.makeTemporaryDirectory())/none.sock")
        let started = ContinuousClock.now
        // When a call with 300 ms to wait is made
        // Then it is UNAVAILABLE, saying what was tried
        await #expect {
            try await client.send(method: TestMethods.echo.name, payload: [], deadline: .milliseconds(300))
        } throws: { error in
            guard let error = error as? RPCError else { return false }
            return error.code == .unavailable
                && error.message.contains("none.sock: there is no socket file there (ENOENT) (tried ")
                && error.message.contains(" ms, until the call's deadline); is the service running and is this its runtime directory?")
        }
        // And only once its deadline had passed (on a quiet machine after 5 attempts: at 0, 10,
        // 30, 70 and 150 ms)
        #expect(ContinuousClock.now - started >= .milliseconds(299))
        #expect(client.connectAttempts >= 1)
    }

    @Test func aCallWaitingForASocketEndsAtOnceWhenCancelled() async throws {
        // Given a call (30 s to wait) waiting for a socket that is not there
        let client = RPCClient(socketPath: "\(TestServer.makeTemporaryDirectory())/none.sock")
        let call = Task { try await client.send(method: TestMethods.echo.name, payload: []) }
        try await waitUntil("the first connection attempt") { client.connectAttempts >= 1 }
        // When its task is cancelled, Then it ends with CancellationError (not UNAVAILABLE 30 s later)
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
    }
}
