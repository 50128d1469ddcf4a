@testable import HuanjuWire
import NIOCore
import NIOEmbedded
import Synchronization

/// One server connection on a `NIOAsyncTestingChannel`: the real frame decoder and call
/// handler (and, optionally, the watchdog), on an event loop whose clock only moves when the
/// test says so. Calls that await run as tasks, as in the server, but their handlers are the
/// test's: `GatedHandlers` lets a test decide when each one finishes.
struct VirtualTimeConnection {
    let channel: NIOAsyncTestingChannel
    let reads: ReadCounter
    /// Written bytes not yet read as responses.
    private let unread = UnreadBytes()
    private let jobs: AsyncStream<CallJob>
    let jobQueue: AsyncStream<CallJob>.Continuation

    var loop: NIOAsyncTestingEventLoop { channel.testingEventLoop }

    /// A connection to a server with `router` and `configuration`; `watchdog` adds the
    /// connection timeouts in front.
    static func open(
        router: Router, configuration: ServerConfiguration, watchdog: Bool = false
    ) async throws -> VirtualTimeConnection {
        let (jobs, jobQueue) = AsyncStream.makeStream(of: CallJob.self)
        let core = ServerCore(router: router, configuration: configuration, jobs: jobQueue)
        let channel = NIOAsyncTestingChannel()
        let reads = ReadCounter()
        try await channel.testingEventLoop.executeInContext {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(reads)
            if watchdog {
                try pipeline.addHandler(
                    ConnectionWatchdog(idleTimeout: configuration.idleTimeout, frameTimeout: configuration.frameTimeout))
            }
            try pipeline.addHandler(ByteToMessageHandler(FrameBatchDecoder(maxFrameBytes: configuration.maxFrameBytes)))
            try pipeline.addHandler(CallHandler(core: core, socket: .operatorSocket, eventLoop: channel.eventLoop))
        }
        try await channel.connect(to: SocketAddress(unixDomainSocketPath: "/virtual"))
        return VirtualTimeConnection(channel: channel, reads: reads, jobs: jobs, jobQueue: jobQueue)
    }

    /// Runs the calls that await, each in its own task, until `body` returns.
    func runningJobs<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let jobs = self.jobs
            group.addTask {
                await withTaskGroup(of: Void.self) { calls in
                    for await job in jobs { calls.addTask { await job.run() } }
                }
            }
            defer {
                jobQueue.finish()
            }
            let result = try await body()
            jobQueue.finish()
            try await group.waitForAll()
            return result
        }
    }

    /// Sends raw bytes, as a client's socket would deliver them.
    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeInbound(ByteBuffer(bytes: bytes))
    }

    /// Sends one request frame.
    func send(_ request: RPCV1.Request) async throws {
        let body = request.serializedBytes()
        try await send(withUnsafeBytes(of: UInt32(body.count).bigEndian, Array.init) + body)
    }

    /// The next response written, if any (waiting up to `seconds` of real time for tasks to answer).
    func response(waitingUpTo seconds: Double = 5) async throws -> RPCV1.Response? {
        let giveUp = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            // A written buffer holds one or more frames (the answers of one read share one).
            if let frame = unread.withLock({ $0.readFrame() }) {
                return try RPCV1.Response(serializedBytes: Array(frame.readableBytesView))
            }
            if let written = try await channel.readOutbound(as: ByteBuffer.self) {
                unread.withLock { _ = $0.writeImmutableBuffer(written) }
                continue
            }
            guard ContinuousClock.now < giveUp else { return nil }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Whether nothing more was written (no waiting).
    func nothingWritten() async throws -> Bool {
        guard unread.withLock({ $0.readableBytes == 0 }) else { return false }
        return try await channel.readOutbound(as: ByteBuffer.self) == nil
    }
}

/// Bytes the server wrote that the test has not read yet.
final class UnreadBytes: Sendable {
    private let bytes = Mutex(ByteBuffer())

    func withLock<T>(_ body: (inout ByteBuffer) -> T) -> T {
        bytes.withLock { body(&$0) }
    }
}

/// Counts the reads the pipeline asks the socket for (it sits next to the socket).
final class ReadCounter: ChannelOutboundHandler, Sendable {
    typealias OutboundIn = ByteBuffer
    private let count = Atomic<Int>(0)

    var reads: Int { count.load(ordering: .relaxed) }

    func read(context: ChannelHandlerContext) {
        count.add(1, ordering: .relaxed)
        context.read()
    }
}

/// Handlers whose calls finish when the test opens their gate: `started` counts the calls
/// that began, `open(_:)` lets one call (by its `i64`) finish.
final class GatedHandlers: Sendable {
    private let gates = Mutex<[Int64: OneShotSignal]>([:])
    let started = Atomic<Int>(0)

    private func gate(_ key: Int64) -> OneShotSignal {
        gates.withLock { gates in
            if let gate = gates[key] { return gate }
            let gate = OneShotSignal()
            gates[key] = gate
            return gate
        }
    }

    /// Lets the call with `i64 == key` finish.
    func open(_ key: Int64) {
        gate(key).fire()
    }

    /// Waits (real time, at most 5 s) until `count` calls have started.
    func waitUntilStarted(_ count: Int) async throws {
        let giveUp = ContinuousClock.now + .seconds(5)
        while started.load(ordering: .relaxed) < count {
            guard ContinuousClock.now < giveUp else { throw RPCError(.deadlineExceeded, "\(count) calls never started") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Concurrent; waits for the gate of its request's `i64`, then echoes.
    static let gated = MethodDescriptor<ConformanceV1.AllKinds, ConformanceV1.AllKinds>(
        name: "huanju.testing.v1.Test/Gated", access: .publicMethod, requires: [], accepts: [], execution: .task,
        summary: "Waits for its gate, then echoes.")
    /// On the event loop; echoes at once.
    static let inline = MethodDescriptor<ConformanceV1.AllKinds, ConformanceV1.AllKinds>(
        name: "huanju.testing.v1.Test/Inline", access: .publicMethod, requires: [], accepts: [], execution: .eventLoop,
        summary: "Echoes at once.")

    /// A router whose `Test/Gated` call waits for its gate, then echoes.
    func router() -> Router {
        var router = Router(serviceName: "virtual")
        router.register(Self.gated) { request, _ in
            self.started.add(1, ordering: .relaxed)
            await self.gate(request.i64).wait()
            return request
        }
        router.registerOnEventLoop(Self.inline) { request, _ in request }
        return router
    }
}
