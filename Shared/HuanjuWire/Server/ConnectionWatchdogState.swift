/// When a server connection's two timers run, as a state machine that returns what to do
/// (the `ConnectionWatchdog` handler performs it; tests drive it without sockets).
///
/// - The **frame timer** runs while a frame is partly received: it starts at a frame's
///   first byte and stops when its last byte arrives.
/// - The **idle timer** runs while the connection is idle: no frame partly received and
///   every call read so far answered.
///
/// It follows the framing itself (a 4-byte big-endian length, then that many bytes) by
/// counting, and counts calls by frames: each request frame is answered by one response frame.
struct ConnectionWatchdogState: Sendable, Equatable {
    /// What to do with one timer.
    enum TimerAction: Sendable, Equatable {
        case leave
        /// (Re)start it from now.
        case start
        case stop
    }

    /// What to do with both timers after an event.
    struct Actions: Sendable, Equatable {
        var frameTimer: TimerAction = .leave
        var idleTimer: TimerAction = .leave
    }

    /// Where the connection is in the stream of request frames.
    enum Position: Sendable, Equatable {
        case betweenFrames
        case inHeader(bytesSeen: Int, length: UInt32)
        case inBody(remaining: UInt32)
    }

    private(set) var position = Position.betweenFrames
    /// Request frames read and not yet answered.
    private(set) var callsAwaitingAnswers = 0

    var isMidFrame: Bool { position != .betweenFrames }
    var isIdle: Bool { !isMidFrame && callsAwaitingAnswers == 0 }

    /// The connection opened: idle until the first byte.
    func opened() -> Actions {
        Actions(frameTimer: .leave, idleTimer: .start)
    }

    /// Bytes arrived. Headers are read byte by byte, bodies skipped whole.
    mutating func received(_ bytes: some Collection<UInt8>) -> Actions {
        let wasMidFrame = isMidFrame
        let wasIdle = isIdle
        var completed = 0
        var index = bytes.startIndex
        while index != bytes.endIndex {
            switch position {
            case .inBody(let remaining):
                let available = bytes.distance(from: index, to: bytes.endIndex)
                let taken = min(Int(remaining), available)
                index = bytes.index(index, offsetBy: taken)
                position = UInt32(taken) == remaining ? .betweenFrames : .inBody(remaining: remaining - UInt32(taken))
                if position == .betweenFrames { completed += 1 }
            case .betweenFrames:
                position = .inHeader(bytesSeen: 1, length: UInt32(bytes[index]))
                index = bytes.index(after: index)
            case .inHeader(let seen, let length):
                let value = length << 8 | UInt32(bytes[index])
                index = bytes.index(after: index)
                position = seen + 1 < 4 ? .inHeader(bytesSeen: seen + 1, length: value)
                    : (value == 0 ? .betweenFrames : .inBody(remaining: value))
                if position == .betweenFrames { completed += 1 }
            }
        }
        callsAwaitingAnswers += completed
        var actions = Actions()
        if isMidFrame {
            // A frame started in this read (the first, or one after a completed frame).
            if !wasMidFrame || completed > 0 { actions.frameTimer = .start }
        } else if wasMidFrame {
            actions.frameTimer = .stop
        }
        actions.idleTimer = idleAction(wasIdle: wasIdle)
        return actions
    }

    /// `frames` response frames were written.
    mutating func answered(_ frames: Int = 1) -> Actions {
        let wasIdle = isIdle
        callsAwaitingAnswers = max(0, callsAwaitingAnswers - frames)
        return Actions(frameTimer: .leave, idleTimer: idleAction(wasIdle: wasIdle))
    }

    private func idleAction(wasIdle: Bool) -> TimerAction {
        switch (wasIdle, isIdle) {
        case (false, true): .start
        case (true, false): .stop
        default: .leave
        }
    }
}
