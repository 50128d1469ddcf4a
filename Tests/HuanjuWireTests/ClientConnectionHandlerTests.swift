@testable import HuanjuWire
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

/// One client connection on virtual time (`EmbeddedChannel`: its clock moves only when the
/// test says): a call holds an entry and a timer from when it is sent until it ends —
/// answered, timed out, cancelled, or its connection gone — and nothing after.
@Suite struct ClientConnectionHandlerTests {
    private static let path = "/virtual/peer.sock"

    private func open() throws -> (EmbeddedChannel, ClientConnectionHandler) {
        let channel = EmbeddedChannel()
        let handler = ClientConnectionHandler(socketPath: Self.path)
        try channel.pipeline.syncOperations.addHandlers(ByteToMessageHandler(FrameDecoder(maxFrameBytes: 1 << 20)), handler)
        channel.connect(to: try SocketAddress(unixDomainSocketPath: Self.path), promise: nil)
        return (channel, handler)
    }

    /// Sends call `id` with a 1.3 s timeout (what a 300 ms deadline gives) and returns its outcome.
    private func send(_ id: UInt64, on channel: EmbeddedChannel, _ handler: ClientConnectionHandler) throws -> CallOutcome {
        let promise = channel.eventLoop.makePromise(of: RPCV1.Response.self)
        handler.send(RPCV1.Request(callID: id, method: "huanju.testing.v1.Test/Slow", deadlineMs: 300),
                     timeout: .milliseconds(1300), promise: promise)
        let sent = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(sent.readableBytes > 4)
        return CallOutcome(promise.futureResult)
    }

    private func answer(_ id: UInt64, on channel: EmbeddedChannel) throws {
        var frame = channel.allocator.buffer(capacity: 32)
        RPCV1.Response(callID: id, status: .ok).writeFrame(into: &frame)
        try channel.writeInbound(frame)
    }

    @Test func anAnswerEndsItsCallAndCancelsItsTimer() throws {
        let (channel, handler) = try open()
        defer { _ = try? channel.finish() }
        // Given a call sent and waiting, with its timer
        let call = try send(7, on: channel, handler)
        #expect(handler.pending == (calls: 1, timeouts: 1))
        // When its answer arrives
        try answer(7, on: channel)
        // Then the call has its answer, and neither its entry nor its timer is left
        #expect(call.response?.callID == 7)
        #expect(handler.pending == (calls: 0, timeouts: 0))
        // And when its timeout would have passed, nothing changes
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(call.response?.callID == 7)
    }

    @Test func aCallWithoutAnAnswerFailsAtItsTimeoutAndLeavesNothing() throws {
        let (channel, handler) = try open()
        defer { _ = try? channel.finish() }
        // Given a call sent with a 1.3 s timeout, never answered
        let call = try send(7, on: channel, handler)
        // When 1,299 ms pass, it still waits
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1299))
        #expect(call.isPending)
        // Then at 1,300 ms it is DEADLINE_EXCEEDED, and nothing is left of it
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(call.error == RPCError(.deadlineExceeded, "huanju.testing.v1.Test/Slow got no answer within 1300 ms"))
        #expect(handler.pending == (calls: 0, timeouts: 0))
    }

    @Test func aCancelledCallIsFailedAndForgottenAtOnceWhileOthersGoOn() throws {
        let (channel, handler) = try open()
        defer { _ = try? channel.finish() }
        // Given two calls waiting on one connection
        let cancelled = try send(7, on: channel, handler)
        let other = try send(8, on: channel, handler)
        #expect(handler.pending == (calls: 2, timeouts: 2))
        // When the first one's caller cancels it, without any time passing
        handler.cancel(7)
        // Then it fails with CancellationError, its entry and timer gone
        #expect(cancelled.wasCancelled)
        #expect(handler.pending == (calls: 1, timeouts: 1))
        // And its late answer is ignored, while the other call gets its own
        try answer(7, on: channel)
        try answer(8, on: channel)
        #expect(other.response?.callID == 8)
        #expect(handler.pending == (calls: 0, timeouts: 0))
        // And cancelling a call that is over changes nothing
        handler.cancel(8)
        #expect(other.response?.callID == 8)
    }

    @Test func aConnectionThatClosesFailsItsCallsAndCancelsTheirTimers() throws {
        let (channel, handler) = try open()
        // Given two calls waiting
        let first = try send(7, on: channel, handler)
        let second = try send(8, on: channel, handler)
        // When the connection closes
        _ = try? channel.finish()
        // Then both are UNAVAILABLE, and nothing is left of them
        #expect(first.error?.code == .unavailable && second.error?.code == .unavailable)
        #expect(handler.pending == (calls: 0, timeouts: 0))
    }
}

/// How a call's promise completed, once it did.
final class CallOutcome: Sendable {
    private let result = Mutex<Result<RPCV1.Response, any Error>?>(nil)

    init(_ future: EventLoopFuture<RPCV1.Response>) {
        future.whenComplete { outcome in self.result.withLock { $0 = outcome } }
    }

    var isPending: Bool { result.withLock { $0 == nil } }

    var response: RPCV1.Response? {
        result.withLock { if case .success(let response) = $0 { response } else { nil } }
    }

    var error: RPCError? {
        result.withLock { if case .failure(let error) = $0 { error as? RPCError } else { nil } }
    }

    var wasCancelled: Bool {
        result.withLock { if case .failure(let error) = $0 { error is CancellationError } else { false } }
    }
}
