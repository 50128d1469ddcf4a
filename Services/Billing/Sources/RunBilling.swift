import HuanjuRuntime

/// Runs the billing service until SIGTERM/SIGINT: logging and the clock, the database
/// (`<data-dir>/billing.sqlite`, migrated before the sockets open), the sockets
/// `billing.sock` / `billing-admin.sock`, and the outbox relay to activation.
///
/// - Parameters:
///   - options: the flags every service takes.
///   - activationSocket: activation's operator socket (billing's relay delivers there and
///     ticket methods ask it about codes); nil: `<runtime-dir>/activation-admin.sock`.
public func runBilling(options: CommonOptions, activationSocket: String?) async throws {
    let runtime = try ServiceRuntime.start(name: "billing", options: options)
    let database = try await runtime.openDatabase(BillingMigrations.migrator)
    let activation = runtime.peer("activation", operatorSocket: true, socketPath: activationSocket)
    runtime.logger.info("activation peer", metadata: ["peer.socket": "\(activation.socketPath)"])
    let router = makeBillingRouter(
        store: BillingStore(database: database), clock: runtime.clock,
        codes: ActivationCodeDirectory(client: activation), health: runtime.health)
    let relay = OutboxRelay(database: database, peer: activation, clock: runtime.clock, logger: runtime.logger)
    try await runtime.serve(router: router, storage: database, background: [relay])
}
