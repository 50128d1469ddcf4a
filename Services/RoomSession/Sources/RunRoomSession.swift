import HuanjuDomain
import HuanjuRuntime
import HuanjuWire
import Logging

/// The room-session process: logging and clock, the database (migrated before the sockets
/// open), the presence engine, recovery of broadcasts a previous run left live, then the
/// sockets with the sweeper, the radar flusher and the outbox relay to activation (paid
/// broadcasts' starts and ends, for the account's feed) until SIGTERM/SIGINT; after they
/// stopped, a last flush.
///
/// - Parameters:
///   - activationSocket: activation's operator socket; nil for `<runtime-dir>/activation-admin.sock`.
///   - lease: how long a join or heartbeat keeps a viewer present (RULES §7, default 60 s).
/// - Throws: a lease outside 1 ms…24 days; a database that cannot be opened or migrated; a
///   socket held by another live process.
public func runRoomSession(options: CommonOptions, activationSocket: String?, lease: TimeSpan) async throws {
    guard lease > .zero, lease <= PresenceEngine.maxBroadcastSpan else {
        throw DomainError.invalidArgument(
            "the lease must be between 1 ms and \(PresenceEngine.maxBroadcastSpan) (got \(lease)); the default is 60 s")
    }
    let runtime = try ServiceRuntime.start(name: "room-session", options: options)
    let database = try await runtime.openDatabase(RoomSessionMigrations.migrator)
    let activation = runtime.peer("activation", socketPath: activationSocket)
    runtime.logger.info("room-session configured", metadata: [
        "activation.socket": "\(activation.socketPath)", "lease": "\(lease)",
    ])
    let core = RoomSessionCore(
        engine: PresenceEngine(lease: lease), store: RoomSessionStore(database: database), clock: runtime.clock,
        authorizer: ActivationAuthorizer(client: activation), logger: runtime.logger)
    try await core.recoverAfterRestart()
    do {
        try await runtime.serve(
            router: makeRoomSessionRouter(core: core, health: runtime.health), storage: database,
            background: [
                Upkeep.sweeper(core), Upkeep.flusher(core),
                OutboxRelay(database: database, peer: activation, clock: runtime.clock, logger: runtime.logger),
            ])
    } catch {
        await core.flush()
        throw error
    }
    await core.flush()
    await activation.close()
}
