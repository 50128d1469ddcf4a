import NIOCore

/// Closes a server connection that holds a descriptor without using it: one idle (no call
/// in flight, no bytes arriving) for `idleTimeout`, or one whose frame does not arrive whole
/// within `frameTimeout` of its first byte (a "slowloris" client). Either way the client is
/// told why, for call id 0, before the connection closes.
///
/// The first handler of the pipeline: it sees the raw bytes and the response frames;
/// `ConnectionWatchdogState` decides, this performs.
final class ConnectionWatchdog: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let idleTimeout: TimeAmount
    private let frameTimeout: TimeAmount
    private var state = ConnectionWatchdogState()
    /// When each timer runs out; nil while it is stopped.
    private var frameDeadline: NIODeadline?
    private var idleDeadline: NIODeadline?
    /// The scheduled wake-up of each timer, at or before its deadline. A restart only moves
    /// the deadline; the wake-up finds it later and sleeps again — so a busy connection, whose
    /// timers restart with every call, schedules and cancels nothing per call.
    private var frameWakeUp: Scheduled<Void>?
    private var idleWakeUp: Scheduled<Void>?
    private var closing = false

    init(idleTimeout: TimeAmount, frameTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
        self.frameTimeout = frameTimeout
    }

    func channelActive(context: ChannelHandlerContext) {
        perform(state.opened(), context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        frameWakeUp?.cancel()
        idleWakeUp?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        perform(state.received(bytes.readableBytesView), context: context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // `CallHandler` writes whole response frames, several in one buffer after a batch.
        perform(state.answered(unwrapOutboundIn(data).wholeFrameCount), context: context)
        context.write(data, promise: promise)
    }

    private enum Timer {
        case frame
        case idle
    }

    private func perform(_ actions: ConnectionWatchdogState.Actions, context: ChannelHandlerContext) {
        if actions.frameTimer != .leave { set(.frame, actions.frameTimer == .start, context: context) }
        if actions.idleTimer != .leave { set(.idle, actions.idleTimer == .start, context: context) }
    }

    /// Starts (from now) or stops one timer.
    private func set(_ timer: Timer, _ running: Bool, context: ChannelHandlerContext) {
        switch timer {
        case .frame:
            frameDeadline = running ? context.eventLoop.now + frameTimeout : nil
            if running, frameWakeUp == nil, let frameDeadline { frameWakeUp = wakeUp(.frame, at: frameDeadline, context: context) }
        case .idle:
            idleDeadline = running ? context.eventLoop.now + idleTimeout : nil
            if running, idleWakeUp == nil, let idleDeadline { idleWakeUp = wakeUp(.idle, at: idleDeadline, context: context) }
        }
    }

    private func wakeUp(_ timer: Timer, at deadline: NIODeadline, context: ChannelHandlerContext) -> Scheduled<Void> {
        let watchdog = NIOLoopBound(self, eventLoop: context.eventLoop)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        return context.eventLoop.scheduleTask(deadline: deadline) {
            watchdog.value.wokeUp(timer, context: boundContext.value)
        }
    }

    /// A wake-up: the timer ran out (close), was stopped (nothing), or was restarted since
    /// (sleep again until its deadline).
    private func wokeUp(_ timer: Timer, context: ChannelHandlerContext) {
        let now = context.eventLoop.now
        switch timer {
        case .frame:
            frameWakeUp = nil
            guard let frameDeadline else { return }
            guard now >= frameDeadline else {
                frameWakeUp = wakeUp(.frame, at: frameDeadline, context: context)
                return
            }
            close(context, .deadlineExceeded,
                  "a request frame did not arrive whole within \(Self.seconds(frameTimeout)) of its first byte; "
                      + "the connection is closed")
        case .idle:
            idleWakeUp = nil
            guard let idleDeadline else { return }
            guard now >= idleDeadline else {
                idleWakeUp = wakeUp(.idle, at: idleDeadline, context: context)
                return
            }
            close(context, .unavailable,
                  "the connection was idle for \(Self.seconds(idleTimeout)); it is closed: open a new one to call again")
        }
    }

    /// Tells the client why (call id 0), then closes.
    private func close(_ context: ChannelHandlerContext, _ status: StatusCode, _ message: String) {
        guard !closing else { return }
        closing = true
        frameWakeUp?.cancel()
        idleWakeUp?.cancel()
        var frame = context.channel.allocator.buffer(capacity: 32 + message.utf8.count)
        RPCV1.Response(callID: 0, status: status, message: message).writeFrame(into: &frame)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }

    private static func seconds(_ amount: TimeAmount) -> String {
        let milliseconds = amount.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
