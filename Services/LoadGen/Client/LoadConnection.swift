import NIOCore

/// One connection of a run: keeps `depth` calls in flight, answering each response with the
/// next call of its plan, and counts what comes back while the run measures.
///
/// Everything happens on the connection's event loop. The responses one socket read delivers
/// are all handled first, and the calls they release are written together and flushed once
/// (`channelReadComplete`), as a server batches its answers.
final class LoadConnection<Dialect: WireDialect>: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let dialect: Dialect
    private let control: RunControl
    private let depth: Int
    private var plan: CallPlan
    private var inFlight: InFlightCalls
    private var tally = ConnectionTally()
    private var received: ByteBuffer?
    private var outgoing: ByteBuffer?
    private var planDone = false
    private var context: ChannelHandlerContext?
    /// Completed with the tally when the connection has closed.
    let done: EventLoopPromise<ConnectionTally>

    init(dialect: Dialect, plan: CallPlan, depth: Int, control: RunControl, done: EventLoopPromise<ConnectionTally>) {
        self.dialect = dialect
        self.plan = plan
        self.depth = depth
        self.control = control
        self.done = done
        inFlight = InFlightCalls(depth: depth, inOrder: !Dialect.matchesByCallId)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context _: ChannelHandlerContext) {
        context = nil
    }

    /// Sends the first `depth` calls. Called once, on the event loop, when every connection
    /// of the run is open.
    func start() {
        guard let context else { return }
        sendCalls(context: context)
        flush(context: context)
        closeIfFinished(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if var pending = received {
            received = nil
            pending.writeBuffer(&bytes)
            bytes = pending
        }
        let measuring = control.phase == .measuring
        let now = Self.now()
        do {
            while let response = try dialect.decode(&bytes) {
                guard let call = inFlight.take(callID: response.callID) else {
                    tally.note("a response carries call id \(response.callID ?? 0), which no call in flight has")
                    tally.failed += 1
                    context.close(promise: nil)
                    return
                }
                if measuring {
                    let outcome = dialect.outcome(of: response, for: call.kind)
                    tally.record(outcome, nanoseconds: now &- call.sentAt)
                    if outcome == .failed {
                        tally.note("\(call.kind): code \(response.code): \(response.message ?? "")")
                    }
                }
            }
        } catch {
            tally.note("\(error)")
            context.close(promise: nil)
            return
        }
        if bytes.readableBytes > 0 {
            bytes.discardReadBytes()
            received = bytes
        }
        sendCalls(context: context)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush(context: context)
        closeIfFinished(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        tally.lost += inFlight.count
        if inFlight.count > 0 { tally.note("the connection closed with \(inFlight.count) calls unanswered") }
        done.succeed(tally)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        tally.note("connection error: \(error)")
        context.close(promise: nil)
    }

    /// Fills the free slots with the plan's next calls, unless the run is stopping.
    private func sendCalls(context: ChannelHandlerContext) {
        guard control.phase != .stopping, inFlight.hasRoom, !planDone else { return }
        var buffer = outgoing ?? context.channel.allocator.buffer(capacity: 96 * depth)
        outgoing = nil // the local copy is now the only reference: no copy on write
        let sentAt = Self.now()
        while inFlight.hasRoom {
            guard let call = plan.next() else {
                planDone = true
                break
            }
            dialect.encode(call, callID: inFlight.add(call.kind, sentAt: sentAt), into: &buffer)
        }
        if buffer.readableBytes > 0 { outgoing = buffer }
    }

    private func flush(context: ChannelHandlerContext) {
        guard let buffer = outgoing else { return }
        outgoing = nil
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    /// Closes once nothing is in flight and nothing more will be sent.
    private func closeIfFinished(context: ChannelHandlerContext) {
        guard inFlight.count == 0, planDone || control.phase == .stopping else { return }
        context.close(promise: nil)
    }

    /// Monotonic nanoseconds.
    @inline(__always)
    static func now() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }
}
