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
    private var frameTimer: Scheduled<Void>?
    private var idleTimer: Scheduled<Void>?
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
        frameTimer?.cancel()
        idleTimer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        perform(state.received(bytes.readableBytesView), context: context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        perform(state.answered(), context: context)
        context.write(data, promise: promise)
    }

    private func perform(_ actions: ConnectionWatchdogState.Actions, context: ChannelHandlerContext) {
        switch actions.frameTimer {
        case .leave: break
        case .stop:
            frameTimer?.cancel()
            frameTimer = nil
        case .start:
            frameTimer?.cancel()
            frameTimer = schedule(.frame, in: frameTimeout, context: context)
        }
        switch actions.idleTimer {
        case .leave: break
        case .stop:
            idleTimer?.cancel()
            idleTimer = nil
        case .start:
            idleTimer?.cancel()
            idleTimer = schedule(.idle, in: idleTimeout, context: context)
        }
    }

    private enum Timer {
        case frame
        case idle
    }

    private func schedule(_ timer: Timer, in delay: TimeAmount, context: ChannelHandlerContext) -> Scheduled<Void> {
        let watchdog = NIOLoopBound(self, eventLoop: context.eventLoop)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        return context.eventLoop.scheduleTask(in: delay) {
            watchdog.value.fired(timer, context: boundContext.value)
        }
    }

    private func fired(_ timer: Timer, context: ChannelHandlerContext) {
        switch timer {
        case .frame:
            close(context, .deadlineExceeded,
                  "a request frame did not arrive whole within \(Self.seconds(frameTimeout)) of its first byte; "
                      + "the connection is closed")
        case .idle:
            close(context, .unavailable,
                  "the connection was idle for \(Self.seconds(idleTimeout)); it is closed: open a new one to call again")
        }
    }

    /// Tells the client why (call id 0), then closes.
    private func close(_ context: ChannelHandlerContext, _ status: StatusCode, _ message: String) {
        guard !closing else { return }
        closing = true
        frameTimer?.cancel()
        idleTimer?.cancel()
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
