import Foundation
@testable import HuanjuWire
import Testing

/// Starting next to a live or a dead server, and stopping gracefully.
@Suite struct ServerLifecycleTests {
    @Test func aSecondServerOnTheSameRuntimeDirectoryRefusesToStart() async throws {
        let first = TestServer()
        try await first.serving { first in
            // Given a live server, When a second one starts on the same directory
            let second = TestServer(directory: first.directory)
            // Then it refuses with an error naming the running process
            await #expect {
                try await second.server.run()
            } throws: { error in
                "\(error)".contains("already serving") && "\(error)".contains("\(getpid())")
            }
            // And the first keeps its sockets
            let echo: ConformanceV1.AllKinds = try await first.client().call(TestMethods.echo, ConformanceV1.AllKinds(text: "mine"))
            #expect(echo.text == "mine")
        }
    }

    @Test func aStaleSocketFileLeftByADeadProcessIsReplaced() async throws {
        // Given socket files left behind with nobody listening
        let directory = TestServer.makeTemporaryDirectory()
        for name in ["test.sock", "test-admin.sock"] {
            try leaveStaleSocket(at: "\(directory)/\(name)")
        }
        // When a server starts there, Then it serves
        try await TestServer(directory: directory).serving { server in
            let health: HealthV1.HealthCheckResponse = try await server.client().call(HealthV1.HealthService.Method.check, HealthV1.HealthCheckRequest())
            #expect(health.status == .serving)
        }
    }

    @Test func aFileThatIsNotASocketIsNeverReplaced() async throws {
        let directory = TestServer.makeTemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: "\(directory)/test.sock", contents: Data("keep me".utf8)))
        await #expect(throws: ServerStartupError.self) { try await TestServer(directory: directory).server.run() }
        #expect(FileManager.default.contents(atPath: "\(directory)/test.sock") == Data("keep me".utf8))
    }

    @Test func gracefulShutdownFinishesCallsInFlightThenRemovesTheSockets() async throws {
        let server = TestServer()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.server.run() }
            try await server.server.waitUntilListening()
            let client = server.client()
            // Given a call in flight for 400 ms
            async let inFlight: ConformanceV1.AllKinds = client.call(TestMethods.slow, ConformanceV1.AllKinds(i64: 400, text: "finish me"))
            try await server.counters.waitUntilSlowStarted(1)
            // When shutdown begins
            server.server.beginGracefulShutdown()
            // Then the call is still answered OK
            #expect(try await inFlight.text == "finish me")
            try await group.waitForAll()
        }
        // And the run returned and removed its socket files
        #expect(!FileManager.default.fileExists(atPath: server.publicSocket))
        #expect(!FileManager.default.fileExists(atPath: server.operatorSocket))
        #expect(server.counters.slowFinished.load(ordering: .relaxed) == 1)
    }

    private func leaveStaleSocket(at path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(result == 0)
    }
}

/// The client's view of servers that are missing, vanish, or come back.
@Suite struct RPCClientTests {
    @Test func aMissingSocketIsUnavailableAtOnceWithAnActionableMessageForAClientThatDoesNotWait() async throws {
        // (huanjuctl's clients: a person hears at once that a service is down; services' clients
        // wait for a restarting peer, RPCClientConnectRetryTests)
        let client = RPCClient(socketPath: "/tmp/hjw-nowhere/none.sock", connectRetry: .whileBusy)
        await #expect {
            let _: HealthV1.HealthCheckResponse = try await client.call(HealthV1.HealthService.Method.check, HealthV1.HealthCheckRequest())
        } throws: { error in
            (error as? RPCError) == RPCError(
                .unavailable, "cannot connect to /tmp/hjw-nowhere/none.sock: there is no socket file there (ENOENT); is the service "
                    + "running and is this its runtime directory?")
        }
        #expect(client.connectAttempts == 1)
    }

    @Test func aClosedClientOpensANewConnectionOnItsNextCall() async throws {
        try await TestServer().serving { server in
            let client = server.client()
            let first: ConformanceV1.AllKinds = try await client.call(TestMethods.echo, ConformanceV1.AllKinds(text: "one"))
            await client.close()
            let second: ConformanceV1.AllKinds = try await client.call(TestMethods.echo, ConformanceV1.AllKinds(text: "two"))
            #expect([first.text, second.text] == ["one", "two"])
        }
    }

    @Test func aServerThatGoesAwayMidCallIsUnavailableAndTheNextCallReconnects() async throws {
        let directory = TestServer.makeTemporaryDirectory()
        let path = "\(directory)/test.sock"
        // Given a listener that accepts, reads the call, and hangs up without answering
        let hangUp = try HangUpListener(path: path)
        let client = RPCClient(socketPath: path)
        await #expect {
            let _: HealthV1.HealthCheckResponse = try await client.call(HealthV1.HealthService.Method.check, HealthV1.HealthCheckRequest())
        } throws: { error in
            (error as? RPCError)?.code == .unavailable
        }
        // (a call that was sent is never sent again: one connection, one attempt)
        #expect(client.connectAttempts == 1)
        hangUp.stop()
        // When a real server takes its place
        try await TestServer(directory: directory).serving { _ in
            // Then the same client reconnects on its next call
            let health: HealthV1.HealthCheckResponse = try await client.call(HealthV1.HealthService.Method.check, HealthV1.HealthCheckRequest())
            #expect(health.status == .serving)
        }
    }
}

/// A Unix listener that accepts one connection, reads a little, and closes it unanswered.
final class HangUpListener: @unchecked Sendable {
    private let descriptor: Int32
    private let path: String
    private let thread: Thread

    init(path: String) throws {
        self.path = path
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        listen(descriptor, 4)
        self.descriptor = descriptor
        thread = Thread {
            let connection = accept(descriptor, nil, nil)
            var buffer = [UInt8](repeating: 0, count: 4)
            _ = recv(connection, &buffer, 4, 0)
            close(connection)
        }
        thread.start()
    }

    func stop() {
        close(descriptor)
        unlink(path)
    }
}
