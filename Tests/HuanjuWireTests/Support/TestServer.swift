import Foundation
import HuanjuWire
import NIOCore
import Synchronization

/// Methods of a throw-away test service, using the conformance messages.
enum TestMethods {
    /// Concurrent; sleeps `i32` ms, then echoes the request.
    static let echo = "huanju.testing.v1.Test/Echo"
    /// On the event loop; counts its calls.
    static let count = "huanju.testing.v1.Test/Count"
    /// Concurrent; counts its starts, sleeps `i64` ms, counts its ends.
    static let slow = "huanju.testing.v1.Test/Slow"
    /// Operator only.
    static let admin = "huanju.testing.v1.Test/Admin"
    /// Throws an error that maps to no status.
    static let crash = "huanju.testing.v1.Test/Crash"
}

struct UnmappedError: Error {}

/// What the test handlers did, for the tests to check.
final class TestCounters: Sendable {
    let counted = Atomic<Int>(0)
    let slowStarted = Atomic<Int>(0)
    let slowFinished = Atomic<Int>(0)

    /// Waits (up to 10 s) until `target` slow calls have started.
    func waitUntilSlowStarted(_ target: Int) async throws {
        let giveUp = ContinuousClock.now + .seconds(10)
        while slowStarted.load(ordering: .relaxed) < target {
            guard ContinuousClock.now < giveUp else { throw RPCError(.deadlineExceeded, "counter never reached \(target)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// A server on a fresh temporary runtime directory, serving the test methods.
struct TestServer: Sendable {
    let directory: String
    let server: RPCServer
    let counters = TestCounters()
    let health = HealthStatus(serving: true)

    var publicSocket: String { server.configuration.publicSocketPath }
    var operatorSocket: String { server.configuration.operatorSocketPath }

    init(maxCallsInFlight: Int = 64, maxFrameBytes: Int = 4 * 1024 * 1024, directory: String? = nil) {
        self.directory = directory ?? TestServer.makeTemporaryDirectory()
        var configuration = ServerConfiguration(serviceName: "test", runtimeDirectory: self.directory)
        configuration.maxCallsInFlightPerConnection = maxCallsInFlight
        configuration.maxFrameBytes = maxFrameBytes
        server = RPCServer(configuration: configuration, router: Self.router(counters, health))
    }

    private static func router(_ counters: TestCounters, _ health: HealthStatus) -> Router {
        var router = Router(serviceName: "test")
        router.register(TestMethods.echo) { (request: AllKinds, _) in
            try await Task.sleep(for: .milliseconds(Int(request.i32)))
            return request
        }
        router.registerOnEventLoop(TestMethods.count) { (request: AllKinds, _) in
            let total = counters.counted.add(1, ordering: .relaxed).newValue
            return AllKinds(i64: Int64(total))
        }
        router.register(TestMethods.slow) { (request: AllKinds, _) in
            counters.slowStarted.add(1, ordering: .relaxed)
            defer { counters.slowFinished.add(1, ordering: .relaxed) }
            try? await Task.sleep(for: .milliseconds(Int(request.i64)))
            return request
        }
        router.register(TestMethods.admin, access: .operatorOnly) { (request: AllKinds, _) in request }
        router.register(TestMethods.crash) { (_: AllKinds, _) -> AllKinds in throw UnmappedError() }
        router.addStandardServices(health: health)
        return router
    }

    /// Runs the server for the duration of `body`, then shuts it down gracefully.
    func serving<T: Sendable>(_ body: @Sendable (TestServer) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            do {
                let result = try await body(self)
                server.beginGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                server.beginGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }

    func client() -> RPCClient {
        RPCClient(socketPath: publicSocket, defaultDeadline: .seconds(10))
    }

    static func makeTemporaryDirectory() -> String {
        var template = Array("/tmp/hjw-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }
}
