import GRDB
import HuanjuDomain
import HuanjuWire
import Logging
import ServiceLifecycle

/// Everything a service process sets up before serving: logging, the clock, health, its
/// database and its peers; then `serve` runs its sockets and background services together
/// until SIGTERM/SIGINT, and stops gracefully (stop accepting, finish calls, exit 0).
public struct ServiceRuntime: Sendable {
    public let name: String
    public let options: CommonOptions
    public let logger: Logger
    public let clock: any BusinessClock
    /// NOT_SERVING until the sockets listen (after the database opened and migrated), and
    /// again once shutdown begins.
    public let health = HealthStatus()

    /// Bootstraps logging for the process and chooses the clock.
    public static func start(name: String, options: CommonOptions) throws -> ServiceRuntime {
        let level = options.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "huanju.\(name)")
        logger.logLevel = level
        return ServiceRuntime(name: name, options: options, logger: logger, clock: try chooseClock(options, logger))
    }

    init(name: String, options: CommonOptions, logger: Logger, clock: any BusinessClock) {
        self.name = name
        self.options = options
        self.logger = logger
        self.clock = clock
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

    /// Opens `<data-dir>/<name>.sqlite` and runs the migrations.
    public func openDatabase(_ migrator: DatabaseMigrator) throws -> DatabasePool {
        try ServiceDatabase.open(directory: options.dataDir, name: name, migrator: migrator, logger: logger)
    }

    /// A client of a peer service's socket in the same runtime directory.
    public func peer(_ service: String, operatorSocket: Bool = true, socketPath: String? = nil) -> RPCClient {
        RPCClient(socketPath: socketPath ?? options.socketPath(of: service, operator: operatorSocket))
    }

    /// Serves `router` on the service's two sockets next to `background` services until
    /// a shutdown signal, then stops them all gracefully (in reverse order).
    public func serve(router: Router, background: [any Service] = []) async throws {
        var configuration = ServerConfiguration(serviceName: name, runtimeDirectory: options.runtimeDir, logger: logger)
        configuration.maxFrameBytes = options.maxFrameBytes
        let server = RPCServerService(server: RPCServer(configuration: configuration, router: router), health: health)
        var background = background
        if let address = options.metricsAddress {
            background.append(try MetricsHTTPEndpoint(
                address: address, source: RPCClient(socketPath: configuration.operatorSocketPath), logger: logger))
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

/// An `RPCServer` as a lifecycle service: health turns SERVING once it listens, and
/// graceful shutdown turns it NOT_SERVING and drains the server.
struct RPCServerService: Service {
    let server: RPCServer
    let health: HealthStatus

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                try await server.waitUntilListening()
                health.set(serving: true)
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            health.set(serving: false)
            server.beginGracefulShutdown()
        }
    }
}
