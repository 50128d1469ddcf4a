import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// The three services as real processes on a temporary runtime and data directory, with a
/// shared controllable clock: what the end-to-end tests drive over the wire.
public final class LocalSystem: @unchecked Sendable {
    public static let services = ["billing", "activation", "room-session"]

    public let root: String
    public var runtimeDirectory: String { "\(root)/run" }
    public var dataDirectory: String { "\(root)/data" }
    public var clockFile: String { "\(root)/clock" }
    private var processes: [String: ServiceProcess] = [:]
    private var socketUnits: [SocketUnit] = []
    private let lock = NSLock()

    /// A new, empty system whose clock reads `start`.
    public init(clock start: Instant) throws {
        root = TemporaryDirectory.make("hjs")
        try FileManager.default.createDirectory(atPath: "\(root)/logs", withIntermediateDirectories: true)
        try FileClock.set(start, at: "\(root)/clock")
    }

    /// Runs `body` with a new system and always stops its services afterwards, so that no
    /// test leaves processes behind, whatever it throws. On success its folder is removed;
    /// after a failure it stays, with the services' logs.
    public static func with<T: Sendable>(clock start: Instant, _ body: (LocalSystem) async throws -> T) async throws -> T {
        let system = try LocalSystem(clock: start)
        do {
            let result = try await body(system)
            await system.stopAll()
            system.closeSocketUnits()
            try? FileManager.default.removeItem(atPath: system.root) // kept when the test failed, for its logs
            return result
        } catch {
            await system.stopAll()
            system.closeSocketUnits()
            throw error
        }
    }

    /// Starts a service and waits until its health says SERVING. With `sockets`, it is started
    /// the way systemd starts a socket-activated service, on those (see `socketUnit(_:)`).
    public func start(_ service: String, extraArguments: [String] = [], sockets: SocketUnit? = nil) async throws {
        let arguments = ["--runtime-dir", runtimeDirectory, "--data-dir", dataDirectory,
                         "--controllable-clock", clockFile, "--log-level", "debug"] + extraArguments
        let logPath = "\(root)/logs/\(service).log"
        let process = if let sockets {
            try ServiceProcess(name: service, executable: BuildProducts.executable(service), arguments: arguments,
                               logPath: logPath, passing: sockets.descriptors, names: ["public", "operator"])
        } else {
            try ServiceProcess(name: service, executable: BuildProducts.executable(service), arguments: arguments,
                               logPath: logPath)
        }
        lock.withLock { processes[service] = process }
        try await waitUntilServing(service, process: process)
    }

    /// A service's two sockets, bound and listened on by the test process as its systemd
    /// socket units would (`start(_:sockets:)` passes them); they stay open until the
    /// system's `with` ends, whatever the service does.
    public func socketUnit(_ service: String) throws -> SocketUnit {
        let unit = try SocketUnit(runtimeDirectory: runtimeDirectory, service: service)
        lock.withLock { socketUnits.append(unit) }
        return unit
    }

    private func closeSocketUnits() {
        for unit in lock.withLock({ socketUnits }) { unit.close() }
    }

    /// Starts all three services (billing, activation, room-session).
    public func startAll() async throws {
        for service in Self.services { try await start(service) }
    }

    /// SIGTERM; returns the exit status.
    @discardableResult
    public func stop(_ service: String) async -> Int32 {
        guard let process = lock.withLock({ processes.removeValue(forKey: service) }) else { return 0 }
        return await process.stop()
    }

    /// `kill -9`.
    public func kill9(_ service: String) async {
        guard let process = lock.withLock({ processes.removeValue(forKey: service) }) else { return }
        await process.kill9()
    }

    /// Stops every running service.
    public func stopAll() async {
        for service in lock.withLock({ Array(processes.keys) }) { await stop(service) }
    }

    /// The public (or operator) socket of a service.
    public func socket(_ service: String, operator: Bool = false) -> String {
        "\(runtimeDirectory)/\(service)\(`operator` ? "-admin" : "").sock"
    }

    /// A client of a service's public (or operator) socket, on a connection of its own.
    public func client(_ service: String, operator: Bool = false) -> RPCClient {
        RPCClient(socketPath: socket(service, operator: `operator`), defaultDeadline: .seconds(20))
    }

    // MARK: Typed clients, each on a connection of its own

    /// Billing's methods, on its public (or operator) socket.
    public func billing(operator: Bool = false) -> BillingV1.BillingService.Client {
        BillingV1.BillingService.Client(client("billing", operator: `operator`))
    }

    /// Activation's methods, on its public (or operator) socket.
    public func activation(operator: Bool = false) -> ActivationV1.ActivationService.Client {
        ActivationV1.ActivationService.Client(client("activation", operator: `operator`))
    }

    /// Room-session's methods, on its public (or operator) socket.
    public func roomSession(operator: Bool = false) -> SessionV1.RoomSessionService.Client {
        SessionV1.RoomSessionService.Client(client("room-session", operator: `operator`))
    }

    /// A service's health, on its public (or operator) socket.
    public func health(_ service: String, operator: Bool = false) -> HealthV1.HealthService.Client {
        HealthV1.HealthService.Client(client(service, operator: `operator`))
    }

    /// A service's method list, on its public (or operator) socket.
    public func reflection(_ service: String, operator: Bool = false) -> ReflectionV1.ReflectionService.Client {
        ReflectionV1.ReflectionService.Client(client(service, operator: `operator`))
    }

    // MARK: The shared clock

    public func now() throws -> Instant { try FileClock.read(clockFile) }
    public func setClock(_ instant: Instant) throws { try FileClock.set(instant, at: clockFile) }
    public func advanceClock(by span: TimeSpan) throws { try FileClock.advance(by: span, at: clockFile) }

    /// A service's log, for failure messages.
    public func log(_ service: String) -> String {
        (try? String(contentsOfFile: "\(root)/logs/\(service).log", encoding: .utf8)) ?? ""
    }

    private func waitUntilServing(_ service: String, process: ServiceProcess) async throws {
        let client = RPCClient(socketPath: socket(service), defaultDeadline: .seconds(2))
        let giveUp = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < giveUp {
            guard process.isRunning else {
                throw RPCError(.unavailable, "\(service) exited during start-up:\n\(process.log())")
            }
            if let health = try? await HealthV1.HealthService.Client(client).check(), health.status == .serving {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RPCError(.deadlineExceeded, "\(service) did not report SERVING within 60 s:\n\(process.log())")
    }
}

extension LocalSystem {
    /// Sends one raw request frame (any bytes) on a new connection to a service's socket and
    /// returns the answer (nil if the service closed the connection without one).
    public func rawCall(_ service: String, operator: Bool = false, envelope: [UInt8]) async throws -> RPCV1.Response? {
        let path = socket(service, operator: `operator`)
        return try await onOwnThread {
            let connection = try RawSocket(path: path)
            connection.sendFrame(envelope)
            return try connection.readResponse()
        }
    }
}
