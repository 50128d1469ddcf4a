import HuanjuRuntime
import HuanjuWire
import ServiceLifecycle

/// Runs the activation service until SIGTERM/SIGINT: logging and the clock, the database
/// (migrated before the sockets open; health NOT_SERVING until then), the router on
/// `activation.sock` / `activation-admin.sock`, the outbox relays to billing (applied
/// expansions) and to room-session (fee-terms changes), the feed clock (the accounts'
/// events the business clock makes due), and the webhook delivery (each account's feed POSTed
/// to its endpoint).
///
/// - Parameters:
///   - billingSocket: billing's operator socket; nil for `<runtime-dir>/billing-admin.sock`.
///   - roomSessionSocket: room-session's operator socket; nil for
///     `<runtime-dir>/room-session-admin.sock`. Either peer may start later: the relays retry.
public func runActivation(options: CommonOptions, billingSocket: String?, roomSessionSocket: String? = nil) async throws {
    let runtime = try ServiceRuntime.start(name: "activation", options: options)
    let database = try await runtime.openDatabase(ActivationMigrations.migrator)
    let store = ActivationStore(database: database)
    // Webhooks go out on the service's own event loops; their signatures carry the host's real time.
    let webhooks = WebhookSender(poster: HTTPPoster(group: runtime.eventLoops), clock: WallClock())
    let router = makeActivationRouter(
        store: store, clock: runtime.clock, logger: runtime.logger, health: runtime.health, webhooks: webhooks)
    let billing = runtime.peer("billing", socketPath: billingSocket)
    runtime.logger.info("outbox relay to billing", metadata: ["peer.socket": "\(billing.socketPath)"])
    let roomSession = runtime.peer("room-session", socketPath: roomSessionSocket)
    runtime.logger.info("outbox relay to room-session", metadata: ["peer.socket": "\(roomSession.socketPath)"])
    let relays: [any Service] = [
        OutboxRelay(database: database, peer: billing, destination: OutboxDestination.billing, clock: runtime.clock,
                    logger: runtime.logger),
        OutboxRelay(database: database, peer: roomSession, destination: OutboxDestination.roomSession,
                    clock: runtime.clock, logger: runtime.logger),
    ]
    let feedClock = Upkeep.feedClock(store, clock: runtime.clock, logger: runtime.logger)
    let webhookDelivery = WebhookDelivery(store: store, sender: webhooks, logger: runtime.logger)
    try await runtime.serve(router: router, storage: database, background: relays + [feedClock, webhookDelivery])
}
