import Foundation
import HuanjuWire
import NIOCore
import Synchronization

/// Methods of a throw-away test service, on the conformance messages (proto/conformance.proto):
/// proto/'s `Conformance/Echo`, and methods only these tests declare (the router takes any
/// method descriptor).
enum TestMethods {
    /// A test-only method taking and answering `ConformanceV1.AllKinds`.
    typealias Method = MethodDescriptor<ConformanceV1.AllKinds, ConformanceV1.AllKinds>

    /// Concurrent; sleeps `i32` ms, then echoes the request.
    static let echo = ConformanceV1.ConformanceService.Method.echo
    /// On the event loop; counts its calls.
    static let count = Method(
        name: "huanju.testing.v1.Test/Count", access: .publicMethod, requires: [], accepts: [], execution: .eventLoop,
        summary: "Counts its calls.")
    /// Concurrent; counts its starts, sleeps `i64` ms, counts its ends.
    static let slow = Method(
        name: "huanju.testing.v1.Test/Slow", access: .publicMethod, requires: [], accepts: [], execution: .task,
        summary: "Sleeps i64 ms.")
    /// Operator only.
    static let admin = Method(
        name: "huanju.testing.v1.Test/Admin", access: .operatorOnly, requires: [], accepts: [], execution: .task,
        summary: "Echoes, for operators.")
    /// Throws an error that maps to no status.
    static let crash = Method(
        name: "huanju.testing.v1.Test/Crash", access: .publicMethod, requires: [], accepts: [], execution: .task,
        summary: "Throws an error that maps to no status.")
}

/// `Conformance/Echo` for the test server: sleeps `i32` ms, then answers the request.
struct SleepingEcho: ConformanceV1.ConformanceService.Handler {
    func echo(_ request: ConformanceV1.AllKinds, context _: CallContext) async throws -> ConformanceV1.AllKinds {
        try await Task.sleep(for: .milliseconds(Int(request.i32)))
        return request
    }
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

    init(maxCallsInFlight: Int = 64, maxFrameBytes: Int = 4 * 1024 * 1024, directory: String? = nil,
         inheritedListeners: InheritedListeners? = nil) {
        self.directory = directory ?? TestServer.makeTemporaryDirectory()
        var configuration = ServerConfiguration(serviceName: "test", runtimeDirectory: self.directory)
        configuration.maxCallsInFlightPerConnection = maxCallsInFlight
        configuration.maxFrameBytes = maxFrameBytes
        server = RPCServer(configuration: configuration, router: Self.router(counters, health),
                           inheritedListeners: inheritedListeners)
    }

    private static func router(_ counters: TestCounters, _ health: HealthStatus) -> Router {
        var router = Router(serviceName: "test")
        ConformanceV1.ConformanceService.register(SleepingEcho(), in: &router)
        router.registerOnEventLoop(TestMethods.count) { _, _ in
            let total = counters.counted.add(1, ordering: .relaxed).newValue
            return ConformanceV1.AllKinds(i64: Int64(total))
        }
        router.register(TestMethods.slow) { request, _ in
            counters.slowStarted.add(1, ordering: .relaxed)
            defer { counters.slowFinished.add(1, ordering: .relaxed) }
            try? await Task.sleep(for: .milliseconds(Int(request.i64)))
            return request
        }
        router.register(TestMethods.admin) { request, _ in request }
        router.register(TestMethods.crash) { _, _ in throw UnmappedError() }
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
