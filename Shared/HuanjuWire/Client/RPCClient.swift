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
/// the socket is missing or the connection goes away mid-call, DEADLINE_EXCEEDED when no
/// answer came in time.
public final class RPCClient: Sendable {
    public let socketPath: String
    /// Used when a call names no deadline.
    public let defaultDeadline: TimeAmount
    private let group: any EventLoopGroup
    private let maxFrameBytes: Int
    private let connection = Mutex<ConnectionState>(.none)
    private let nextCallId = Atomic<UInt64>(1)

    struct Connection: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<ClientConnectionHandler>
    }

    enum ConnectionState {
        case none
        case connecting(EventLoopFuture<Connection>)
        case connected(Connection)
    }

    public init(socketPath: String, defaultDeadline: TimeAmount = .seconds(30), maxFrameBytes: Int = 4 * 1024 * 1024,
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.socketPath = socketPath
        self.defaultDeadline = defaultDeadline
        self.maxFrameBytes = maxFrameBytes
        self.group = group
    }

    /// Calls a method of proto/ with `request` and decodes its response; throws `RPCError`
    /// unless OK.
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
    /// whatever its status. Throws only when no response came (UNAVAILABLE, DEADLINE_EXCEEDED).
    public func send(method: String, payload: [UInt8], metadata: [String: String] = [:], deadline: TimeAmount? = nil) async throws -> RPCV1.Response {
        let deadline = deadline ?? defaultDeadline
        let request = RPCV1.Request(
            callID: nextCallId.wrappingAdd(1, ordering: .relaxed).oldValue, method: method,
            deadlineMs: UInt64(max(deadline.nanoseconds / 1_000_000, 1)),
            metadata: metadata.sorted { $0.key < $1.key }.map { RPCV1.MetadataEntry(key: $0.key, value: $0.value) },
            payload: payload)
        let connection = try await connected()
        let promise = connection.channel.eventLoop.makePromise(of: RPCV1.Response.self)
        let handler = connection.handler
        // Longer than the server's deadline, so that the server's own answer wins the race.
        let timeout = deadline + .seconds(1)
        connection.channel.eventLoop.execute {
            handler.value.send(request, timeout: timeout, promise: promise)
        }
        return try await promise.futureResult.get()
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

    /// The open connection, opening one if there is none or it was lost.
    private func connected() async throws -> Connection {
        enum Next { case ready(Connection), wait(EventLoopFuture<Connection>) }
        let next = connection.withLock { state -> Next in
            switch state {
            case .connected(let open) where open.channel.isActive: return .ready(open)
            case .connecting(let opening): return .wait(opening)
            default:
                let opening = connect()
                state = .connecting(opening)
                return .wait(opening)
            }
        }
        let opening: EventLoopFuture<Connection>
        switch next {
        case .ready(let open): return open
        case .wait(let future): opening = future
        }
        do {
            let open = try await opening.get()
            connection.withLock { state in
                if case .connecting(let current) = state, current === opening { state = .connected(open) }
            }
            return open
        } catch {
            connection.withLock { state in
                if case .connecting(let current) = state, current === opening { state = .none }
            }
            throw RPCError(.unavailable, "cannot connect to \(socketPath): \(error); is the service running and is this its runtime directory?")
        }
    }

    /// Opens a connection. A Unix socket whose listen backlog is full refuses a non-blocking
    /// connect with EAGAIN: the server is alive but busy accepting, so that is retried for
    /// up to a second.
    private func connect(attempt: Int = 0) -> EventLoopFuture<Connection> {
        let eventLoop = group.next()
        return openChannel(on: eventLoop).flatMapError { error in
            guard let error = error as? IOError, error.errnoCode == EAGAIN, attempt < 100 else {
                return eventLoop.makeFailedFuture(error)
            }
            return eventLoop.flatScheduleTask(in: .milliseconds(10)) { self.connect(attempt: attempt + 1) }.futureResult
        }
    }

    private func openChannel(on eventLoop: any EventLoop) -> EventLoopFuture<Connection> {
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
