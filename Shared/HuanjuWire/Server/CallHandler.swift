import Logging
import NIOCore

/// One connection's calls: decodes each frame's envelope, routes it, runs event-loop
/// handlers inline and queues the others for the server's task group, at most
/// `maxCallsInFlightPerConnection` at a time, and writes the responses back.
///
/// It reads batches of whole frames (`FrameBatchDecoder`: everything one socket read
/// completed) and answers a batch's event-loop calls in one buffer, written and flushed once
/// when the read is done: one trip through the pipeline and one `writev` per read, however
/// many calls the client pipelined.
///
/// Protocol errors that leave the stream unusable (an oversized frame, an envelope that does
/// not decode) are answered for call id 0 and close this connection only.
final class CallHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct QueuedCall {
        let handler: @Sendable ([UInt8], CallContext) async throws -> [UInt8]
        let payload: [UInt8]
        let context: CallContext
    }

    private let core: ServerCore
    private let socket: SocketKind
    private let eventLoop: any EventLoop
    private var context: ChannelHandlerContext?
    private var handle: ConnectionHandle?
    /// This event loop's counters of answered calls.
    private var statistics: LoopShard?
    private var callsInFlight = 0
    private var queued = CircularBuffer<QueuedCall>()
    /// Backpressure: the queue of calls waiting for a slot is full.
    private var queueIsFull = false
    /// Backpressure: answers the client has not read yet pass the channel's write watermark.
    private var answersBackedUp = false
    private var readRequestedWhilePaused = false
    /// Response frames of the current read, written as one buffer when it is done.
    private var answers: ByteBuffer?
    private var needsFlush = false
    private var closing = false

    init(core: ServerCore, socket: SocketKind, eventLoop: any EventLoop) {
        self.core = core
        self.socket = socket
        self.eventLoop = eventLoop
    }

    private var configuration: ServerConfiguration { core.configuration }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        statistics = core.router.statistics.shard(for: context.eventLoop)
        handle = ConnectionHandle(handler: NIOLoopBound(self, eventLoop: context.eventLoop), core: core)
    }

    func handlerRemoved(context _: ChannelHandlerContext) {
        context = nil
        handle = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        guard core.connectionOpened(context.channel) else {
            let limit = configuration.maxConnections
            closeConnection(.resourceExhausted,
                            "the \(configuration.serviceName) service serves at most \(limit) connections at once; "
                                + "close idle connections or retry in a moment")
            context.fireChannelActive()
            return
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        core.connectionClosed(context.channel)
        queued.removeAll()
        context.fireChannelInactive()
    }

    // MARK: Reading calls

    func channelRead(context _: ChannelHandlerContext, data: NIOAny) {
        var frames = unwrapInboundIn(data)
        while !closing, let frame = frames.readFrame() {
            read(frame)
        }
    }

    /// One request frame.
    private func read(_ frame: ByteBuffer) {
        let reading: RPCV1.Request.Reading
        do {
            reading = try frame.withUnsafeReadableBytes { try RPCV1.Request.read($0) }
        } catch {
            closeConnection(.invalidArgument, "the frame is not a valid huanju.rpc.v1.Request envelope: \(error)")
            return
        }
        switch reading {
        case .call(let request):
            accept(request)
        case .refused(let callID, let error):
            let now = eventLoop.now
            let call = CallContext(callID: callID, method: "(invalid envelope)", socket: socket, metadata: [:],
                                   receivedAt: now, deadline: now, clock: eventLoop)
            refuse(call, error.code, error.message)
        }
    }

    func channelReadComplete(context _: ChannelHandlerContext) {
        flushIfNeeded()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let tooLarge = error as? FrameTooLarge {
            closeConnection(.resourceExhausted,
                            "a frame of \(tooLarge.length) bytes exceeds this server's limit of \(tooLarge.limit) bytes")
        } else {
            core.logger.debug("closing connection after error", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    /// Backpressure: stops asking the socket for more while too many calls are queued, or
    /// while the client leaves too many answers unread (a client that never reads cannot
    /// make the server buffer answers without bound).
    func read(context: ChannelHandlerContext) {
        if readsPaused {
            readRequestedWhilePaused = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        answersBackedUp = !context.channel.isWritable
        resumeReadsIfPossible()
        context.fireChannelWritabilityChanged()
    }

    private var readsPaused: Bool { queueIsFull || answersBackedUp }

    private func accept(_ request: RPCV1.Request) {
        let now = eventLoop.now
        var metadata: [String: String] = [:]
        var repeatedKey: String?
        for entry in request.metadata {
            let key = CallContext.normalizedMetadataKey(entry.key)
            if metadata.updateValue(entry.value, forKey: key) != nil, repeatedKey == nil { repeatedKey = key }
        }
        var callContext = CallContext(
            callID: request.callID, method: request.method, socket: socket, metadata: repeatedKey == nil ? metadata : [:],
            receivedAt: now, deadline: configuration.deadline(forRequestedMilliseconds: request.deadlineMs, from: now),
            clock: eventLoop)

        if let repeatedKey {
            callContext.statisticsIndex = core.router.route(for: request.method)?.statisticsIndex ?? 0
            return refuse(callContext, .invalidArgument,
                          "metadata key '\(repeatedKey)' is sent more than once (keys are compared case-insensitively, "
                              + "with '_' read as '-'); send each key once")
        }
        guard let route = core.router.route(for: request.method) else {
            return refuse(callContext, .unimplemented,
                          "unknown method '\(Excerpt.of(request.method, limit: 120))'; huanju.reflection.v1.Reflection/ListMethods "
                              + "lists this service's methods")
        }
        callContext.statisticsIndex = route.statisticsIndex
        callContext.logsEachCall = route.info.execution == .task
        if route.operatorOnly, socket == .publicSocket {
            return refuse(callContext, .permissionDenied,
                          "\(request.method) is an operator method: call it on the operator socket \(configuration.operatorSocketPath)")
        }
        if core.isDraining {
            return refuse(callContext, .unavailable, "the \(configuration.serviceName) service is shutting down; retry when it is back")
        }
        switch route.invocation {
        case .onEventLoop(let handler):
            runOnEventLoop(handler, payload: request.payload, context: callContext)
        case .concurrent(let handler):
            queued.append(QueuedCall(handler: handler, payload: request.payload, context: callContext))
            startQueuedCalls()
            if !queued.isEmpty { expireQueuedCalls(at: callContext.deadline) }
            if queued.count >= configuration.maxQueuedCallsPerConnection { queueIsFull = true }
        }
    }

    private func runOnEventLoop(_ handler: ([UInt8], CallContext) throws -> [UInt8], payload: [UInt8], context: CallContext) {
        let response: RPCV1.Response
        do {
            response = RPCV1.Response(callID: context.callID, status: .ok, payload: try handler(payload, context))
        } catch {
            response = .failure(of: context, error, logger: core.logger)
        }
        buffer(response, for: context)
    }

    private func refuse(_ context: CallContext, _ status: StatusCode, _ message: String) {
        buffer(RPCV1.Response(callID: context.callID, status: status, message: message), for: context)
    }

    // MARK: Running queued calls

    private func startQueuedCalls() {
        guard let handle else { return }
        while callsInFlight < configuration.maxCallsInFlightPerConnection, let call = queued.popFirst() {
            if eventLoop.now >= call.context.deadline {
                refuse(call.context, .deadlineExceeded,
                       "\(call.context.method) waited in this connection's queue past its deadline and was not started")
                continue
            }
            if core.isDraining {
                refuse(call.context, .unavailable, "the \(configuration.serviceName) service is shutting down; retry when it is back")
                continue
            }
            let answered = AnsweredOnce()
            let deadlinePassed = OneShotSignal()
            let timer = answerAtDeadline(call.context, unless: answered, signalling: deadlinePassed)
            let job = CallJob(handler: call.handler, payload: call.payload, context: call.context, connection: handle,
                              answered: answered, deadlineTimer: timer, deadlinePassed: deadlinePassed)
            if case .enqueued = core.jobs.yield(job) {
                callsInFlight += 1
            } else {
                timer.cancel()
                refuse(call.context, .unavailable, "the \(configuration.serviceName) service is shutting down; retry when it is back")
            }
        }
        flushIfNeeded()
        resumeReadsIfDrained()
    }

    /// Answers DEADLINE_EXCEEDED at the call's deadline unless its handler answered first,
    /// and then fires `deadlinePassed` (which cancels the handler).
    private func answerAtDeadline(_ call: CallContext, unless answered: AnsweredOnce, signalling deadlinePassed: OneShotSignal)
        -> Scheduled<Void> {
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        return eventLoop.scheduleTask(deadline: call.deadline) {
            guard answered.claim() else { return }
            handler.value.writeAndFlush(.deadlineExceeded(for: call), for: call)
            deadlinePassed.fire()
        }
    }

    /// Answers DEADLINE_EXCEEDED, at `deadline`, for every call still waiting in the queue
    /// whose deadline has passed by then (a call that started meanwhile is not affected).
    private func expireQueuedCalls(at deadline: NIODeadline) {
        guard let handle else { return }
        let handler = handle.handler
        eventLoop.scheduleTask(deadline: deadline) {
            handler.value.removeExpiredQueuedCalls()
        }
    }

    private func removeExpiredQueuedCalls() {
        let now = eventLoop.now
        var waiting = CircularBuffer<QueuedCall>(initialCapacity: queued.count)
        for call in queued {
            if call.context.deadline <= now {
                refuse(call.context, .deadlineExceeded,
                       "\(call.context.method) waited in this connection's queue past its deadline and was not started")
            } else {
                waiting.append(call)
            }
        }
        queued = waiting
        flushIfNeeded()
        resumeReadsIfDrained()
    }

    /// Called on the event loop when a concurrent call's task has finished.
    func callFinished() {
        callsInFlight -= 1
        startQueuedCalls()
    }

    private func resumeReadsIfDrained() {
        guard queueIsFull, queued.count < configuration.maxQueuedCallsPerConnection / 2 else { return }
        queueIsFull = false
        resumeReadsIfPossible()
    }

    private func resumeReadsIfPossible() {
        if !readsPaused, readRequestedWhilePaused, let context {
            readRequestedWhilePaused = false
            context.read()
        }
    }

    // MARK: Writing responses

    /// Writes one response frame now; the future completes when it is handed to the socket
    /// (or at once when the connection is gone).
    @discardableResult
    func writeAndFlush(_ response: RPCV1.Response, for call: CallContext) -> EventLoopFuture<Void> {
        guard let context else { return eventLoop.makeSucceededVoidFuture() }
        writeAnswers()
        log(response, for: call)
        var frame = context.channel.allocator.buffer(capacity: 32 + response.message.utf8.count + response.payload.count)
        response.writeFrame(into: &frame)
        return context.writeAndFlush(wrapOutboundOut(frame))
    }

    /// Adds one response frame to the current read's answers (written and flushed when the
    /// read is done).
    private func buffer(_ response: RPCV1.Response, for call: CallContext) {
        guard let context else { return }
        log(response, for: call)
        var out = answers ?? context.channel.allocator.buffer(capacity: Self.answersCapacity)
        answers = nil   // `out` is then the buffer's only owner: appending copies nothing
        response.writeFrame(into: &out)
        answers = out
        needsFlush = true
    }

    /// The first size of a read's answer buffer (a viewer answer is ~20 bytes; it grows as needed).
    private static let answersCapacity = 1024

    /// Hands the current read's answers to the channel as one buffer.
    private func writeAnswers() {
        guard let answers, let context else { return }
        self.answers = nil
        context.write(wrapOutboundOut(answers), promise: nil)
    }

    private func flushIfNeeded() {
        writeAnswers()
        if needsFlush, let context {
            needsFlush = false
            context.flush()
        }
    }

    /// Counts the call in this loop's statistics, and writes its log line (one per call,
    /// except for the viewer path's event-loop methods, which only count).
    private func log(_ response: RPCV1.Response, for call: CallContext) {
        let micros = (eventLoop.now - call.receivedAt).nanoseconds / 1000
        statistics?.record(method: call.statisticsIndex, response.status, micros: micros)
        guard call.logsEachCall else { return }
        core.logger.info("call", metadata: [
            "rpc.method": "\(call.method)",
            "rpc.call_id": "\(call.callID)",
            "rpc.status": "\(response.status)",
            "rpc.duration_us": "\(micros)",
            "rpc.account": "\(call.accountID ?? "-")",
        ])
    }

    /// Answers for call id 0 and closes this connection (other connections are untouched).
    private func closeConnection(_ status: StatusCode, _ message: String) {
        guard !closing, let context else { return }
        closing = true
        queued.removeAll()
        writeAnswers()
        let body = RPCV1.Response(callID: 0, status: status, message: message).serializedBytes()
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(channel.allocator.frame(body))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
