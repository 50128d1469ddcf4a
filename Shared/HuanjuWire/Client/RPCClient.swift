import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A client of one service socket: one connection, many calls in flight on it.
///
/// The connection is opened on the first call and reopened on the next call after it was
/// lost. Failures are `RPCError`s: the service's own status and message, UNAVAILABLE when
/// the service cannot be reached or the connection goes away mid-call, DEADLINE_EXCEEDED
/// when no answer came in time.
///
/// - **Cancellation**: a call whose task is cancelled throws `CancellationError` at once, and
///   frees what it held on the connection (its entry among the waiting calls, its timer) in
///   the same event-loop turn. A call already sent is not recalled — the service goes on until
///   the deadline the request carries — so callers serving a call of their own pass on the
///   time their caller has left (`CallContext.peerDeadline(_:now:)`).
/// - **Deadlines**: a call's deadline runs from when it is made: time spent waiting for the
///   connection is taken off what the request then carries (`deadline_ms`), and the client
///   gives up one second after the rest, so that the service's own DEADLINE_EXCEEDED arrives first.
/// - **Connecting** (`ConnectRetry`): with `.untilDeadline`, a socket that is missing or
///   refuses connections (a service restarting) and a full listen backlog are tried again with
///   a short backoff until the call's deadline. Only establishing the connection is retried:
///   nothing was sent then. A call that was sent is never sent again.
public final class RPCClient: Sendable {
    public let socketPath: String
    /// Used when a call names no deadline.
    public let defaultDeadline: TimeAmount
    /// What a call does while the service's socket is missing or refuses connections.
    public let connectRetry: ConnectRetry
    private let group: any EventLoopGroup
    private let maxFrameBytes: Int
    private let connection = Mutex<ConnectionState>(.none)
    private let nextCallId = Atomic<UInt64>(1)
    private let attempts = Atomic<Int>(0)

    /// When a call retries connecting, and for how long.
    public enum ConnectRetry: Sendable, Equatable {
        /// A missing socket file (ENOENT), a socket nobody listens on (ECONNREFUSED) and a full
        /// listen backlog (EAGAIN) are retried — after 10 ms, then twice as long each time up
        /// to 200 ms — until the call's deadline, then UNAVAILABLE: a peer that restarts is
        /// waited for. What services use to reach their peers.
        case untilDeadline
        /// Only a full listen backlog (EAGAIN: the service is there, busy accepting) is
        /// retried; a missing socket or a refused connection is UNAVAILABLE at once. For a
        /// person at a command line, who should hear at once that a service is down.
        case whileBusy
    }

    struct Connection: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<ClientConnectionHandler>
    }

    enum ConnectionState {
        case none
        case connecting(EventLoopFuture<Connection>)
        case connected(Connection)
    }

    /// The first pause between two connection attempts; it doubles after each, up to `maxBackoff`.
    static let firstBackoff = TimeAmount.milliseconds(10)
    static let maxBackoff = TimeAmount.milliseconds(200)

    public init(socketPath: String, defaultDeadline: TimeAmount = .seconds(30), maxFrameBytes: Int = 4 * 1024 * 1024,
                connectRetry: ConnectRetry = .untilDeadline, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.socketPath = socketPath
        self.defaultDeadline = defaultDeadline
        self.maxFrameBytes = maxFrameBytes
        self.connectRetry = connectRetry
        self.group = group
    }

    /// Calls a method of proto/ with `request` and decodes its response; throws `RPCError`
    /// unless OK, and `CancellationError` when the task is cancelled.
    public func call<Request, Response>(
        _ method: MethodDescriptor<Request, Response>, _ request: Request, metadata: [String: String] = [:],
        deadline: TimeAmount? = nil
    ) async throws -> Response {
        let response = try await send(method: method.name, payload: request.serializedBytes(), metadata: metadata, deadline: deadline)
        guard response.status == .ok else { throw RPCError(response.status, response.message) }
        do {
            return try Response(serializedBytes: response.payload)
        } catch {
            throw RPCError(.internal, "\(method.name) answered with a payload that is not a \(Response.protoName): \(error)")
        }
    }

    /// Sends one call with an already-encoded payload and returns the raw response envelope,
    /// whatever its status. Throws only when no response came (UNAVAILABLE, DEADLINE_EXCEEDED),
    /// or `CancellationError` when the task is cancelled.
    ///
    /// - Parameter deadline: how long the call may take from now, connecting included
    ///   (`defaultDeadline` when nil); zero or less is DEADLINE_EXCEEDED without connecting.
    public func send(method: String, payload: [UInt8], metadata: [String: String] = [:], deadline: TimeAmount? = nil) async throws -> RPCV1.Response {
        let budget = deadline ?? defaultDeadline
        guard budget > .zero else {
            throw RPCError(.deadlineExceeded, "\(method) was not sent: no time was left for it (its caller's deadline has passed)")
        }
        try Task.checkCancellation()
        let end = NIODeadline.now() + budget
        let connection = try await connected(until: end)
        let remaining = end - NIODeadline.now()
        guard remaining > .zero else {
            throw RPCError(.deadlineExceeded, "\(method) was not sent: connecting to \(socketPath) took all of its "
                               + "\(budget.nanoseconds / 1_000_000) ms deadline")
        }
        let request = RPCV1.Request(
            callID: nextCallId.wrappingAdd(1, ordering: .relaxed).oldValue, method: method,
            deadlineMs: UInt64(max(remaining.nanoseconds / 1_000_000, 1)),
            metadata: metadata.sorted { $0.key < $1.key }.map { RPCV1.MetadataEntry(key: $0.key, value: $0.value) },
            payload: payload)
        let eventLoop = connection.channel.eventLoop
        let promise = eventLoop.makePromise(of: RPCV1.Response.self)
        let handler = connection.handler
        let callID = request.callID
        // Longer than the server's deadline, so that the server's own answer wins the race.
        let timeout = remaining + .seconds(1)
        // The send is queued on the event loop before the cancellation handler exists, so a
        // cancellation (queued after it) always finds the call registered or already over.
        eventLoop.execute {
            handler.value.send(request, timeout: timeout, promise: promise)
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            eventLoop.execute { handler.value.cancel(callID) }
        }
    }

    /// Closes the connection; the next call opens a new one.
    public func close() async {
        let current = connection.withLock { state in
            defer { state = .none }
            return state
        }
        switch current {
        case .connected(let open): try? await open.channel.close()
        case .connecting(let opening): try? await opening.get().channel.close()
        case .none: break
        }
    }

    // MARK: For tests

    /// Calls sent on the open connection and not yet over, and the timeouts its event loop
    /// still holds for them ((0, 0) without a connection).
    func pendingCalls() async throws -> (calls: Int, timeouts: Int) {
        let open: Connection? = connection.withLock { state in
            if case .connected(let open) = state { return open }
            return nil
        }
        guard let open else { return (0, 0) }
        let handler = open.handler
        return try await open.channel.eventLoop.submit { handler.value.pending }.get()
    }

    /// Connection attempts made so far.
    var connectAttempts: Int { attempts.load(ordering: .relaxed) }

    // MARK: Connecting

    /// The open connection, opening one if there is none or it was lost, and retrying as
    /// `connectRetry` says until `deadline`.
    private func connected(until deadline: NIODeadline) async throws -> Connection {
        let started = NIODeadline.now()
        var backoff = Self.firstBackoff
        var tries = 0
        while true {
            let failure: any Error
            do {
                return try await connectedOnce()
            } catch let error as CancellationError {
                throw error
            } catch {
                failure = error
            }
            tries += 1
            guard let reason = retriable(failure) else {
                throw unreachable(because: Self.describe(failure))
            }
            let left = deadline - NIODeadline.now()
            guard left > .zero else { throw unreachable(because: reason, tries: tries, since: started) }
            try await Task.sleep(for: .nanoseconds(min(backoff, left).nanoseconds))
            backoff = min(backoff * 2, Self.maxBackoff)
            guard NIODeadline.now() < deadline else { throw unreachable(because: reason, tries: tries, since: started) }
        }
    }

    /// UNAVAILABLE, saying what was tried: one attempt, or (`tries` given) attempts until the
    /// call's deadline.
    private func unreachable(because reason: String, tries: Int? = nil, since started: NIODeadline? = nil) -> RPCError {
        var tried = ""
        if let tries, let started {
            let milliseconds = (NIODeadline.now() - started).nanoseconds / 1_000_000
            tried = " (tried \(tries == 1 ? "once" : "\(tries) times") in \(milliseconds) ms, until the call's deadline)"
        }
        return RPCError(.unavailable, "cannot connect to \(socketPath): \(reason)\(tried); is the service running and is "
                            + "this its runtime directory?")
    }

    /// What a failed connection attempt says, if `connectRetry` retries it.
    private func retriable(_ error: any Error) -> String? {
        guard let error = error as? IOError else { return nil }
        switch (error.errnoCode, connectRetry) {
        case (EAGAIN, _), (ENOENT, .untilDeadline), (ECONNREFUSED, .untilDeadline): return Self.describe(error)
        default: return nil
        }
    }

    /// A failed connection attempt in words.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        switch error.errnoCode {
        case ENOENT: return "there is no socket file there (ENOENT)"
        case ECONNREFUSED: return "nothing listens on that socket (ECONNREFUSED)"
        case EAGAIN: return "the service's listen backlog is full (EAGAIN)"
        default: return "\(error)"
        }
    }

    /// One attempt: the open connection, or the one being opened (shared by every call that
    /// needs it meanwhile), or a new one. The wait ends at once if the task is cancelled
    /// (the attempt goes on for the others).
    private func connectedOnce() async throws -> Connection {
        enum Next { case ready(Connection), wait(EventLoopFuture<Connection>), open(EventLoopFuture<Connection>) }
        let next = connection.withLock { state -> Next in
            switch state {
            case .connected(let open) where open.channel.isActive: return .ready(open)
            case .connecting(let opening): return .wait(opening)
            default:
                let opening = openChannel(on: group.next())
                state = .connecting(opening)
                return .open(opening)
            }
        }
        switch next {
        case .ready(let open):
            return open
        case .wait(let opening):
            return try await Self.value(of: opening)
        case .open(let opening):
            // The attempt's outcome becomes the state, whether or not anyone still waits for it.
            opening.whenComplete { result in
                self.connection.withLock { state in
                    guard case .connecting(let current) = state, current === opening else { return }
                    if case .success(let open) = result { state = .connected(open) } else { state = .none }
                }
            }
            return try await Self.value(of: opening)
        }
    }

    /// `future`'s value, or `CancellationError` as soon as the task is cancelled.
    private static func value<T: Sendable>(of future: EventLoopFuture<T>) async throws -> T {
        let waiter = future.eventLoop.makePromise(of: T.self)
        future.cascade(to: waiter)
        return try await withTaskCancellationHandler {
            try await waiter.futureResult.get()
        } onCancel: {
            waiter.fail(CancellationError())
        }
    }

    private func openChannel(on eventLoop: any EventLoop) -> EventLoopFuture<Connection> {
        attempts.add(1, ordering: .relaxed)
        let maxFrameBytes = self.maxFrameBytes
        let socketPath = self.socketPath
        return ClientBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)),
                        ClientConnectionHandler(socketPath: socketPath))
                }
            }
            .connect(unixDomainSocketPath: socketPath)
            .flatMapThrowing { channel in
                let handler = try channel.pipeline.syncOperations.handler(type: ClientConnectionHandler.self)
                return Connection(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
            }
    }
}
