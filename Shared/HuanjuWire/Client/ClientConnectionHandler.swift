import NIOCore

/// The client side of one connection: sends request frames and matches each response to
/// its waiting call by call id, in whatever order they arrive.
final class ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var waiting: [UInt64: EventLoopPromise<RPCV1.Response>] = [:]
    private var context: ChannelHandlerContext?
    private let socketPath: String

    init(socketPath: String) {
        self.socketPath = socketPath
    }

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
        let body = request.serializedBytes()
        waiting[request.callID] = promise
        let callID = request.callID
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: timeout) {
            loopBound.value.fail(callID, RPCError(.deadlineExceeded, "\(request.method) got no answer within \(timeout.nanoseconds / 1_000_000) ms"))
        }
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.frame(body)), promise: nil)
    }

    private func fail(_ callID: UInt64, _ error: RPCError) {
        waiting.removeValue(forKey: callID)?.fail(error)
    }

    private func failAll(_ error: RPCError) {
        let all = waiting
        waiting.removeAll()
        for promise in all.values { promise.fail(error) }
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
        waiting.removeValue(forKey: response.callID)?.succeed(response)
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
