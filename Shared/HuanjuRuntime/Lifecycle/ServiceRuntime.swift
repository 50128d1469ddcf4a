import GRDB
import HuanjuDomain
import HuanjuWire
import Logging
import NIOPosix
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything a service process sets up before serving: logging, the clock, health, its
/// database and its peers; then `serve` runs its sockets and background services together
/// until SIGTERM/SIGINT, and stops gracefully (stop accepting, finish calls, exit 0).
public struct ServiceRuntime: Sendable {
    public let name: String
    public let options: CommonOptions
    public let logger: Logger
    public let clock: any BusinessClock
    /// NOT_SERVING until the sockets listen (after the database opened and migrated: SERVING
    /// from the first call they accept), again once shutdown begins, and while the database
    /// does not answer.
    public let health = HealthStatus()
    /// Locks held for the life of the process (the data directory's).
    private let heldLocks = HeldLocks()
    /// The runtime directory's lock, taken first thing: a second instance exits at once.
    let runtimeLock: LockFile
    /// The listening sockets systemd passed (socket activation), taken right after the lock;
    /// nil: the server binds its own.
    let inheritedListeners: InheritedListeners?
    /// The event loops serving the sockets and the calls to peers: one per CPU the process may
    /// run on (or `--event-loops`).
    public let eventLoops: MultiThreadedEventLoopGroup

    /// Bootstraps logging for the process (`LineLogHandler`: one escaped line per event),
    /// takes the runtime directory's lock and the sockets systemd passed (if it did: they are
    /// checked here, so a unit that passes the wrong ones fails at start naming them), raises
    /// the open-files limit to what the system allows, and chooses the clock.
    public static func start(name: String, options: CommonOptions) throws -> ServiceRuntime {
        let level = options.logLevel
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, level: level) }
        var logger = Logger(label: "huanju.\(name)")
        logger.logLevel = level
        let sockets = ServerConfiguration(serviceName: name, runtimeDirectory: options.runtimeDir, logger: logger)
        let runtimeLock = try RPCServer.lockRuntimeDirectory(sockets)
        let inheritedListeners = try InheritedListeners.take(for: sockets)
        let descriptors = raiseOpenFilesLimit()
        logger.debug("open files limit", metadata: ["process.max_open_files": "\(descriptors)"])
        let cpus = CPUBudget.available()
        let loops = options.eventLoops ?? cpus
        logger.info("event loops started", metadata: [
            "process.event_loops": "\(loops)", "process.cpus_available": "\(cpus)",
            "process.event_loops_from": "\(options.eventLoops == nil ? "cpus" : "--event-loops")",
        ])
        return ServiceRuntime(name: name, options: options, logger: logger, clock: try chooseClock(options, logger),
                              runtimeLock: runtimeLock, inheritedListeners: inheritedListeners,
                              eventLoops: MultiThreadedEventLoopGroup(numberOfThreads: loops))
    }

    /// Raises the soft limit on open descriptors to the hard limit (at most 1,048,576), as
    /// servers do: every connection is one. Returns the limit in force.
    private static func raiseOpenFilesLimit() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        let wanted = min(limit.rlim_max, 1_048_576)
        if limit.rlim_cur < wanted {
            limit.rlim_cur = wanted
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return UInt64(limit.rlim_cur)
    }

    init(
        name: String, options: CommonOptions, logger: Logger, clock: any BusinessClock, runtimeLock: LockFile,
        inheritedListeners: InheritedListeners?, eventLoops: MultiThreadedEventLoopGroup
    ) {
        self.name = name
        self.options = options
        self.logger = logger
        self.clock = clock
        self.runtimeLock = runtimeLock
        self.inheritedListeners = inheritedListeners
        self.eventLoops = eventLoops
    }

    private static func chooseClock(_ options: CommonOptions, _ logger: Logger) throws -> any BusinessClock {
        guard let path = options.controllableClock else { return WallClock() }
        if (try? FileClock.read(path)) == nil {
            try FileClock.set(WallClock().now(), at: path)
        }
        let clock = FileClock(path: path)
        logger.warning("""
            CONTROLLABLE CLOCK ENABLED: 'now' is read from \(path) (currently \(clock.now())), not the wall \
            clock. This is for tests and demos only; never run production with --controllable-clock.
            """)
        return clock
    }

    /// Locks the data directory for this service (`<data-dir>/<name>.lock`: a second process
    /// on the same data exits with an error naming the first), then opens
    /// `<data-dir>/<name>.sqlite` and runs the migrations — on a thread of NIO's blocking pool,
    /// never on the cooperative pool.
    public func openDatabase(_ migrator: DatabaseMigrator) async throws -> DatabasePool {
        let directory = options.dataDir
        let name = self.name
        try ServiceDatabase.createDirectory(directory)
        let lockPath = "\(directory)/\(name).lock"
        heldLocks.keep(try LockFile.acquire(path: lockPath) { holder in
            DataDirectoryInUse(service: name, lockPath: lockPath, pid: holder)
        })
        let logger = self.logger
        let pool = try await NIOThreadPool.singleton.runIfActive {
            try ServiceDatabase.open(directory: directory, name: name, migrator: migrator, logger: logger)
        }
        health.storageAnswered()
        return pool
    }

    /// A client of a peer service's socket in the same runtime directory.
    public func peer(_ service: String, operatorSocket: Bool = true, socketPath: String? = nil) -> RPCClient {
        RPCClient(socketPath: socketPath ?? options.socketPath(of: service, operator: operatorSocket), group: eventLoops)
    }

    /// Serves `router` on the service's two sockets next to `background` services until
    /// a shutdown signal, then stops them all gracefully (in reverse order).
    ///
    /// - Parameter storage: the service's database, watched by a `StorageProbe` so that
    ///   health reports NOT_SERVING while it does not answer.
    public func serve(router: Router, storage: any DatabaseWriter, background: [any Service] = []) async throws {
        var configuration = ServerConfiguration(serviceName: name, runtimeDirectory: options.runtimeDir, logger: logger)
        configuration.maxFrameBytes = options.maxFrameBytes
        configuration.maxConnections = options.maxConnections
        configuration.listenBacklog = options.listenBacklog
        configuration.idleTimeout = .seconds(Int64(options.idleTimeoutSeconds))
        configuration.frameTimeout = .seconds(Int64(options.frameTimeoutSeconds))
        let server = RPCServerService(
            server: RPCServer(configuration: configuration, router: router, group: eventLoops, runtimeLock: runtimeLock,
                              inheritedListeners: inheritedListeners),
            health: health)
        var background: [any Service] = [StorageProbe(database: storage, health: health, logger: logger)] + background
        if let address = options.metricsAddress {
            background.append(try MetricsHTTPEndpoint(
                address: address, source: RPCClient(socketPath: inheritedListeners?.operatorSocket.path ?? configuration.operatorSocketPath),
                logger: logger))
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: ([server] + background).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("\(name) stopped with an error: \(error)")
            throw error
        }
        logger.info("\(name) stopped cleanly")
    }
}

/// An `RPCServer` as a lifecycle service: health is SERVING from the first call its sockets
/// accept, and graceful shutdown turns it NOT_SERVING and drains the server.
struct RPCServerService: Service {
    let server: RPCServer
    let health: HealthStatus

    func run() async throws {
        // Set before the sockets accept: health is only read through them, so no one sees it
        // SERVING before they listen; set once they listen, the calls already waiting in an
        // inherited socket's backlog (the one that made systemd start the service, those of a
        // restart) were answered NOT_SERVING. Set before the shutdown handler, so that a
        // shutdown's NOT_SERVING always comes after it.
        health.set(serving: true)
        do {
            try await withGracefulShutdownHandler {
                try await server.run()
            } onGracefulShutdown: {
                health.set(serving: false)
                server.beginGracefulShutdown()
            }
        } catch {
            health.set(serving: false)
            throw error
        }
    }
}

/// Locks a process keeps until it exits.
private final class HeldLocks: Sendable {
    private let locks = Mutex<[LockFile]>([])

    func keep(_ lock: LockFile) {
        locks.withLock { $0.append(lock) }
    }
}

/// Another process of the same service uses this data directory.
public struct DataDirectoryInUse: Error, CustomStringConvertible {
    public let service: String
    public let lockPath: String
    public let pid: Int32?

    public var description: String {
        let holder = pid.map { "process \($0)" } ?? "another process"
        return "another \(service) (\(holder)) is already using this data directory (it holds \(lockPath)); "
            + "stop it first or choose another data directory"
    }
}
