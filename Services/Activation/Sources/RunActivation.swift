import HuanjuRuntime
import HuanjuWire

/// Runs the activation service until SIGTERM/SIGINT: logging and the clock, the database
/// (migrated before the sockets open; health NOT_SERVING until then), the router on
/// `activation.sock` / `activation-admin.sock`, and the outbox relay to billing.
///
/// - Parameter billingSocket: billing's operator socket for the outbox relay; nil for
///   `<runtime-dir>/billing-admin.sock`. Billing may start later: the relay retries.
public func runActivation(options: CommonOptions, billingSocket: String?) async throws {
    let runtime = try ServiceRuntime.start(name: "activation", options: options)
    let database = try await runtime.openDatabase(ActivationMigrations.migrator)
    let store = ActivationStore(database: database)
    let router = makeActivationRouter(store: store, clock: runtime.clock, logger: runtime.logger, health: runtime.health)
    let billing = runtime.peer("billing", socketPath: billingSocket)
    runtime.logger.info("outbox relay to billing", metadata: ["peer.socket": "\(billing.socketPath)"])
    let relay = OutboxRelay(database: database, peer: billing, clock: runtime.clock, logger: runtime.logger)
    try await runtime.serve(router: router, storage: database, background: [relay])
}
