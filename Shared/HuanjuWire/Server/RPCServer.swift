import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A service's listener: the public socket (0660) and the operator socket (0600) in the
/// runtime directory, serving the router's methods until shut down.
///
/// `run()` binds, serves, and on `beginGracefulShutdown()` stops accepting, answers new
/// calls UNAVAILABLE, lets the calls in flight finish and be answered, closes the
/// connections, removes its socket files and returns. Cancelling the task that runs it
/// shuts down too, but also cancels the handlers in flight.
///
/// Given `InheritedListeners` (systemd's socket activation), it serves on those instead:
/// it neither binds nor changes the socket files, and when it stops it closes its copies and
/// leaves the files to their owner, so connections made meanwhile wait in the sockets'
/// backlog until the next process accepts them.
public final class RPCServer: Sendable {
    public let configuration: ServerConfiguration
    private let router: Router
    private let group: any EventLoopGroup
    private let listening: EventLoopPromise<Void>
    private let shutdownRequests: AsyncStream<Void>
    private let shutdownRequester: AsyncStream<Void>.Continuation
    /// The runtime directory's lock, when the process took it before starting the server.
    private let heldLock: LockFile?
    /// Sockets passed by the service manager, served instead of binding.
    private let inherited: InheritedListeners?

    /// A server for `router`. `runtimeLock` is the runtime directory's lock if the process
    /// already holds it (`RPCServer.lockRuntimeDirectory`); otherwise `run()` takes it.
    /// `inheritedListeners`: the sockets the service manager passed
    /// (`InheritedListeners.take(for:)`); nil: `run()` binds its own.
    public init(
        configuration: ServerConfiguration, router: Router, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        runtimeLock: LockFile? = nil, inheritedListeners: InheritedListeners? = nil
    ) {
        self.configuration = configuration
        self.router = router
        self.group = group
        heldLock = runtimeLock
        inherited = inheritedListeners
        listening = group.next().makePromise(of: Void.self)
        (shutdownRequests, shutdownRequester) = AsyncStream.makeStream(of: Void.self)
    }

    /// Returns once both sockets accept connections; throws if `run()` failed to bind.
    public func waitUntilListening() async throws {
        try await listening.futureResult.get()
    }

    /// Starts a graceful shutdown of a running server (or makes a later `run()` return at once).
    public func beginGracefulShutdown() {
        shutdownRequester.finish()
    }

    /// Binds both sockets (or takes the inherited ones) and serves until shut down.
    public func run() async throws {
        let (jobs, jobQueue) = AsyncStream.makeStream(of: CallJob.self)
        let core = ServerCore(router: router, configuration: configuration, jobs: jobQueue)
        let lock: LockFile
        let listeners: [any Channel]
        do {
            try SocketFiles.prepareDirectory(configuration.runtimeDirectory)
            lock = try heldLock ?? Self.lockRuntimeDirectory(configuration)
            listeners = try await openListeners(core: core, lock: lock)
        } catch {
            listening.fail(error)
            throw error
        }
        // The listeners open without accepting: "listening" is logged before the first call is
        // taken (an inherited socket may hold callers already), then they accept.
        logListening()
        for listener in listeners { listener.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in } }
        listening.succeed()

        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await _ in self.shutdownRequests {}
                    for listener in listeners { try? await listener.close() }
                    core.beginDraining()
                    jobQueue.finish()
                }
                for await job in jobs {
                    group.addTask { await job.run() }
                }
            }
        } onCancel: {
            self.beginGracefulShutdown()
        }

        await core.closeAllConnections()
        if inherited == nil {
            SocketFiles.remove(configuration.publicSocketPath)
            SocketFiles.remove(configuration.operatorSocketPath)
        }
        lock.release()
        configuration.logger.info("stopped")
    }

    /// Creates the runtime directory and takes its lock (`<service>.lock`), or throws
    /// `ServerStartupError.alreadyRunning` naming the live server: a process does this first
    /// thing, so a second instance exits at once, before it touches anything else.
    public static func lockRuntimeDirectory(_ configuration: ServerConfiguration) throws -> LockFile {
        try SocketFiles.prepareDirectory(configuration.runtimeDirectory)
        return try LockFile.acquire(path: configuration.lockPath, serviceName: configuration.serviceName)
    }

    private func openListeners(core: ServerCore, lock: LockFile) async throws -> [any Channel] {
        var opened: [any Channel] = []
        do {
            if let inherited {
                for (listener, kind) in [(inherited.operatorSocket, SocketKind.operatorSocket),
                                         (inherited.publicSocket, SocketKind.publicSocket)] {
                    opened.append(try await adopt(listener, kind: kind, core: core))
                }
            } else {
                for (path, kind, mode) in [
                    (configuration.operatorSocketPath, SocketKind.operatorSocket, mode_t(0o600)),
                    (configuration.publicSocketPath, SocketKind.publicSocket, mode_t(0o660)),
                ] {
                    try SocketFiles.removeStale(path)
                    opened.append(try await bind(path, kind: kind, mode: mode, core: core))
                }
            }
            return opened
        } catch {
            for channel in opened { try? await channel.close() }
            lock.release()
            throw error
        }
    }

    private func logListening() {
        let logger = configuration.logger
        guard let inherited else {
            logger.info("listening", metadata: [
                "socket.public": "\(configuration.publicSocketPath)", "socket.operator": "\(configuration.operatorSocketPath)",
                "socket.source": "bound",
            ])
            return
        }
        logger.info("listening", metadata: [
            "socket.public": "\(inherited.publicSocket.path)", "socket.operator": "\(inherited.operatorSocket.path)",
            "socket.source": "systemd",
        ])
        for (role, bound, configured) in inherited.boundElsewhere(than: configuration) {
            logger.warning("inherited socket is not where the runtime directory says: peers and huanjuctl look there", metadata: [
                "socket.role": "\(role)", "socket.bound": "\(bound)", "socket.configured": "\(configured)",
            ])
        }
    }

    private func bootstrap(kind: SocketKind, core: ServerCore) -> ServerBootstrap {
        let configuration = self.configuration
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Int32(clamping: configuration.listenBacklog))
            .serverChannelOption(.autoRead, value: false)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ConnectionWatchdog(idleTimeout: configuration.idleTimeout, frameTimeout: configuration.frameTimeout),
                        ByteToMessageHandler(FrameBatchDecoder(maxFrameBytes: configuration.maxFrameBytes)),
                        CallHandler(core: core, socket: kind, eventLoop: channel.eventLoop))
                }
            }
    }

    private func bind(_ path: String, kind: SocketKind, mode: mode_t, core: ServerCore) async throws -> any Channel {
        let bootstrap = bootstrap(kind: kind, core: core)
        // The umask makes the socket file born with its final mode (no window where it is wider).
        let previousMask = umask(~mode & 0o777)
        defer { umask(previousMask) }
        let channel = try await bootstrap.bind(unixDomainSocketPath: path).get()
        chmod(path, mode)
        return channel
    }

    /// Serves on a socket the service manager bound (its file and mode are the manager's).
    private func adopt(_ listener: InheritedListeners.Listener, kind: SocketKind, core: ServerCore) async throws -> any Channel {
        let channel = try await bootstrap(kind: kind, core: core).withBoundSocket(listener.descriptor).get()
        // NIO listens again when it adopts a socket, with its default backlog (128): set ours,
        // which is what holds the connections that arrive while the service restarts.
        listen(listener.descriptor, Int32(clamping: configuration.listenBacklog))
        return channel
    }
}
