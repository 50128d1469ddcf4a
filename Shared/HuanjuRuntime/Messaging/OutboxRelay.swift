import GRDB
import HuanjuWire
import Logging
import ServiceLifecycle

/// Delivers a service's outbox to one peer: oldest first, one at a time, each retried with
/// backoff until the peer answers OK (the peer applies each message once, keyed by its id,
/// so a redelivery after a lost answer is harmless). A message the peer refuses blocks the
/// ones behind it — order matters more than progress — and is logged at each attempt.
public struct OutboxRelay: Service {
    let database: any DatabaseWriter
    let peer: RPCClient
    let clock: any BusinessClock
    let logger: Logger
    let idleInterval: Duration
    let maxBackoff: Duration

    public init(database: any DatabaseWriter, peer: RPCClient, clock: any BusinessClock, logger: Logger,
                idleInterval: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(5)) {
        self.database = database
        self.peer = peer
        self.clock = clock
        self.logger = logger
        self.idleInterval = idleInterval
        self.maxBackoff = maxBackoff
    }

    /// Delivers until graceful shutdown; being cancelled is how it stops, so that ends it
    /// normally (an undelivered message stays in the outbox for the next start).
    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var backoff = Duration.milliseconds(100)
                while !Task.isCancelled {
                    if try await deliverPending() {
                        backoff = .milliseconds(100)
                        try await Task.sleep(for: idleInterval)
                    } else {
                        try await Task.sleep(for: backoff)
                        backoff = min(backoff * 2, maxBackoff)
                    }
                }
            }
        } catch is CancellationError {
            logger.debug("outbox relay stopped")
        }
    }

    /// Delivers everything undelivered now. Returns false when a delivery failed (the
    /// peer is unreachable or refused), so the caller backs off.
    public func deliverPending() async throws -> Bool {
        while true {
            let batch = try await database.read { try Outbox.undelivered($0, limit: 64) }
            if batch.isEmpty { return true }
            for message in batch {
                guard try await deliver(message) else { return false }
            }
        }
    }

    private func deliver(_ message: Outbox.Message) async throws -> Bool {
        let failure: String
        do {
            let response = try await peer.send(method: message.method, payload: message.payload, deadline: .seconds(10))
            if response.status == .ok {
                try await database.write { try Outbox.markDelivered($0, sequence: message.sequence, at: clock.now()) }
                logger.debug("outbox message delivered", metadata: ["outbox.message_id": "\(message.messageID)"])
                return true
            }
            failure = "\(response.status): \(response.message)"
            logger.error("peer refused an outbox message; it will be retried", metadata: [
                "outbox.message_id": "\(message.messageID)", "rpc.method": "\(message.method)", "error": "\(failure)",
            ])
        } catch {
            failure = "\(error)"
            logger.notice("peer unreachable; outbox delivery will be retried", metadata: [
                "outbox.message_id": "\(message.messageID)", "error": "\(failure)",
            ])
        }
        try await database.write { try Outbox.recordFailure($0, sequence: message.sequence, error: failure) }
        return false
    }
}
