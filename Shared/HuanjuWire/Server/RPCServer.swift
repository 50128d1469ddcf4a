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
public final class RPCServer: Sendable {
    public let configuration: ServerConfiguration
    private let router: Router
    private let group: any EventLoopGroup
    private let listening: EventLoopPromise<Void>
    private let shutdownRequests: AsyncStream<Void>
    private let shutdownRequester: AsyncStream<Void>.Continuation
    /// The runtime directory's lock, when the process took it before starting the server.
    private let heldLock: LockFile?

    /// A server for `router`. `runtimeLock` is the runtime directory's lock if the process
    /// already holds it (`RPCServer.lockRuntimeDirectory`); otherwise `run()` takes it.
    public init(
        configuration: ServerConfiguration, router: Router, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        runtimeLock: LockFile? = nil
    ) {
        self.configuration = configuration
        self.router = router
        self.group = group
        heldLock = runtimeLock
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

    /// Binds both sockets and serves until shut down.
    public func run() async throws {
        let (jobs, jobQueue) = AsyncStream.makeStream(of: CallJob.self)
        let core = ServerCore(router: router, configuration: configuration, jobs: jobQueue)
        let lock: LockFile
        let listeners: [any Channel]
        do {
            try SocketFiles.prepareDirectory(configuration.runtimeDirectory)
            lock = try heldLock ?? Self.lockRuntimeDirectory(configuration)
            listeners = try await bindListeners(core: core, lock: lock)
        } catch {
            listening.fail(error)
            throw error
        }
        listening.succeed()
        configuration.logger.info("listening", metadata: [
            "socket.public": "\(configuration.publicSocketPath)", "socket.operator": "\(configuration.operatorSocketPath)",
        ])

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
        SocketFiles.remove(configuration.publicSocketPath)
        SocketFiles.remove(configuration.operatorSocketPath)
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

    private func bindListeners(core: ServerCore, lock: LockFile) async throws -> [any Channel] {
        var bound: [any Channel] = []
        do {
            for (path, kind, mode) in [
                (configuration.operatorSocketPath, SocketKind.operatorSocket, mode_t(0o600)),
                (configuration.publicSocketPath, SocketKind.publicSocket, mode_t(0o660)),
            ] {
                try SocketFiles.removeStale(path)
                bound.append(try await bind(path, kind: kind, mode: mode, core: core))
            }
            return bound
        } catch {
            for channel in bound { try? await channel.close() }
            lock.release()
            throw error
        }
    }

    private func bind(_ path: String, kind: SocketKind, mode: mode_t, core: ServerCore) async throws -> any Channel {
        let configuration = self.configuration
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Int32(clamping: configuration.listenBacklog))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ConnectionWatchdog(idleTimeout: configuration.idleTimeout, frameTimeout: configuration.frameTimeout),
                        ByteToMessageHandler(FrameBatchDecoder(maxFrameBytes: configuration.maxFrameBytes)),
                        CallHandler(core: core, socket: kind, eventLoop: channel.eventLoop))
                }
            }
        // The umask makes the socket file born with its final mode (no window where it is wider).
        let previousMask = umask(~mode & 0o777)
        defer { umask(previousMask) }
        let channel = try await bootstrap.bind(unixDomainSocketPath: path).get()
        chmod(path, mode)
        return channel
    }
}
