import NIOCore

/// The client side of one connection: sends request frames and matches each response to
/// its waiting call by call id, in whatever order they arrive.
///
/// Each waiting call holds one entry and one timer, both on this event loop: whichever ends
/// the call first — its answer, its timeout, its caller's cancellation, or the connection
/// going away — removes the entry and cancels the timer, so a call holds nothing once it
/// is over.
final class ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A call sent and not yet over.
    private struct Waiting {
        let promise: EventLoopPromise<RPCV1.Response>
        let timeout: Scheduled<Void>
    }

    private var waiting: [UInt64: Waiting] = [:]
    /// Timeouts the event loop still holds (scheduled, neither fired nor cancelled).
    private var timeoutsScheduled = 0
    private var context: ChannelHandlerContext?
    private let socketPath: String

    init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// Calls sent and not yet over, and the timeouts the event loop still holds for them
    /// (for tests: both are 0 once every call is over).
    var pending: (calls: Int, timeouts: Int) { (waiting.count, timeoutsScheduled) }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context _: ChannelHandlerContext) {
        context = nil
    }

    /// Sends `request`; the promise completes with its response, or fails with an `RPCError`
    /// (UNAVAILABLE if the connection goes away, DEADLINE_EXCEEDED after `timeout`).
    func send(_ request: RPCV1.Request, timeout: TimeAmount, promise: EventLoopPromise<RPCV1.Response>) {
        guard let context, context.channel.isActive else {
            promise.fail(RPCError(.unavailable, "the connection to \(socketPath) is closed"))
            return
        }
        let callID = request.callID
        let method = request.method
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let timer = context.eventLoop.scheduleTask(in: timeout) {
            loopBound.value.timedOut(callID, RPCError(
                .deadlineExceeded, "\(method) got no answer within \(timeout.nanoseconds / 1_000_000) ms"))
        }
        timeoutsScheduled += 1
        timer.futureResult.whenComplete { _ in loopBound.value.timeoutsScheduled -= 1 }
        waiting[callID] = Waiting(promise: promise, timeout: timer)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.frame(request.serializedBytes())), promise: nil)
    }

    /// The caller of `callID` stopped waiting (its task was cancelled): the call's entry and
    /// timer go now, and its promise fails with `CancellationError`. A call already over is
    /// left as it ended. (The client asks for this only after it asked for `send`, so the
    /// call is never sent after it was cancelled.)
    func cancel(_ callID: UInt64) {
        guard let call = waiting.removeValue(forKey: callID) else { return }
        call.timeout.cancel()
        call.promise.fail(CancellationError())
    }

    /// Its answer came: the call's entry and timer go, and its promise succeeds.
    private func answer(_ response: RPCV1.Response) {
        guard let call = waiting.removeValue(forKey: response.callID) else { return }
        call.timeout.cancel()
        call.promise.succeed(response)
    }

    /// Its timer fired: the call's entry goes and its promise fails.
    private func timedOut(_ callID: UInt64, _ error: RPCError) {
        waiting.removeValue(forKey: callID)?.promise.fail(error)
    }

    private func failAll(_ error: RPCError) {
        let all = waiting
        waiting.removeAll()
        for call in all.values {
            call.timeout.cancel()
            call.promise.fail(error)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let response = try? frame.withUnsafeReadableBytes({ try RPCV1.Response(serializedBytes: $0) }) else {
            failAll(RPCError(.internal, "\(socketPath) sent a frame that is not a huanju.rpc.v1.Response"))
            context.close(promise: nil)
            return
        }
        if response.callID == 0, response.status != .ok, waiting[0] == nil {
            // The server refused the connection itself (e.g. an oversized frame) and closes it.
            failAll(RPCError(response.status, response.message))
            return
        }
        answer(response)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(RPCError(.unavailable, "the connection to \(socketPath) closed before the call was answered"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(RPCError(.unavailable, "the connection to \(socketPath) failed: \(error)"))
        context.close(promise: nil)
    }
}
