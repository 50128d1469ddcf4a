import Foundation
@testable import HuanjuWire
import HuanjuTestSupport
import Testing

/// A server on sockets it inherited (systemd's socket activation) serves them like its own,
/// never touches their files, and leaves connections made while it is down to the next one.
@Suite struct ServerSocketActivationTests {
    let directory = TestServer.makeTemporaryDirectory()

    /// The unit's sockets as a service manager passes them: copies, so the unit keeps its own.
    func passed(_ unit: SocketUnit) throws -> InheritedListeners {
        try InheritedListeners.identify([
            .init(descriptor: dup(unit.publicDescriptor), name: "public"),
            .init(descriptor: dup(unit.operatorDescriptor), name: "operator"),
        ], for: ServerConfiguration(serviceName: "test", runtimeDirectory: directory))
    }

    @Test func aServerOnInheritedSocketsServesBothAndLeavesTheFilesWhenItStops() async throws {
        // Given sockets held by a socket unit
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        // When a server serves on them
        let server = TestServer(directory: directory, inheritedListeners: try passed(unit))
        try await server.serving { server in
            // Then an operator method is refused on the public socket and served on the operator one
            let refused = try await server.client().send(method: TestMethods.admin.name, payload: [])
            #expect(refused.status == .permissionDenied)
            let answer: ConformanceV1.AllKinds = try await RPCClient(socketPath: unit.operatorPath)
                .call(TestMethods.admin, ConformanceV1.AllKinds(text: "op"))
            #expect(answer.text == "op")
        }
        // And after its graceful stop the socket files are still there, with the unit's modes
        for (path, mode) in [(unit.publicPath, 0o660), (unit.operatorPath, 0o600)] {
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == mode)
        }
    }

    @Test func aCallMadeWhileNoServerRunsIsAnsweredByTheNextServerOnTheSameSockets() async throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        try await TestServer(directory: directory, inheritedListeners: try passed(unit)).serving { _ in }
        // Given no server running: a client connects (the unit's backlog holds it) and calls
        let waiting = try RawSocket(path: unit.publicPath)
        try waiting.sendRequest(RPCV1.Request(callID: 7, method: HealthV1.HealthService.Method.check.name, payload: []))
        // When the next server starts on the same sockets
        let next = TestServer(directory: directory, inheritedListeners: try passed(unit))
        let answer = try await next.serving { _ in try await onOwnThread { try waiting.readResponse() } }
        // Then the waiting call is answered
        #expect(answer?.callID == 7)
        #expect(answer?.status == .ok)
    }

    @Test func aSocketFileAnotherProcessListensOnIsNeverReplaced() async throws {
        // Given a socket unit listening on the public socket's path
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        // When a server starts there binding its own sockets, Then it refuses, naming the file
        await #expect {
            try await TestServer(directory: directory).server.run()
        } throws: { error in
            "\(error)".hasPrefix("refusing to replace \(unit.operatorPath): another process listens on it")
        }
        // And the unit's socket still takes connections
        #expect(SocketFiles.hasListener(unit.publicPath))
        #expect(SocketFiles.hasListener(unit.operatorPath))
    }
}
