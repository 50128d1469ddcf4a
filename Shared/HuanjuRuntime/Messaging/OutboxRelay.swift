import GRDB
import HuanjuWire
import Logging
import NIOCore
import ServiceLifecycle

/// Delivers a service's outbox messages for one peer (`destination`), each until the peer
/// acknowledges it (the peer applies each once, keyed by its id, so a redelivery after a lost
/// answer is harmless). A service with two peers runs two relays.
///
/// - Messages of one partition (an account) are delivered in the order they were written.
/// - A message the peer refuses (any status but the transient ones: UNAVAILABLE,
///   DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED, ABORTED) is parked with the peer's
///   reason and holds back only its own partition; the relay goes on with every other one and
///   retries the parked one with backoff (it applies once the peer is upgraded or the cause
///   fixed).
/// - A peer it cannot reach stops the pass; everything is retried with backoff. Each delivery
///   serves no caller, so it has its own deadline (`deliveryDeadline`, 10 s), within which the
///   client also waits for a restarting peer's socket (`RPCClient.ConnectRetry.untilDeadline`).
/// - It wakes when a transaction that wrote the outbox commits (GRDB's region observation), so
///   a new message leaves at once, and otherwise sleeps.
public struct OutboxRelay: Service {
    let database: any DatabaseWriter
    let peer: RPCClient
    /// The messages it delivers: those written for this destination ("" for the first peer).
    let destination: String
    let clock: any BusinessClock
    let logger: Logger
    let maxBackoff: Duration
    /// How long it sleeps with nothing to do before looking anyway (a safety net).
    let idleCheck: Duration
    /// How long one delivery may take, waiting for the peer's socket included.
    let deliveryDeadline: TimeAmount

    public init(database: any DatabaseWriter, peer: RPCClient, destination: String = "", clock: any BusinessClock,
                logger: Logger, maxBackoff: Duration = .seconds(5), idleCheck: Duration = .seconds(30),
                deliveryDeadline: TimeAmount = .seconds(10)) {
        self.database = database
        self.peer = peer
        self.destination = destination
        self.clock = clock
        self.logger = logger
        self.maxBackoff = maxBackoff
        self.idleCheck = idleCheck
        self.deliveryDeadline = deliveryDeadline
    }

    /// What one pass over the outbox achieved.
    public enum Pass: Sendable, Equatable {
        /// Nothing is left to deliver.
        case delivered
        /// The peer refused messages of these partitions; every other message was delivered.
        case refused(partitions: Set<String>)
        /// The peer could not be reached; the pass stopped.
        case peerUnreachable
    }

    /// Delivers until graceful shutdown; being cancelled is how it stops, so that ends it
    /// normally (an undelivered message stays in the outbox for the next start).
    public func run() async throws {
        let commits = WakeSignal()
        let observation = DatabaseRegionObservation(tracking: Table("outbox"))
        let cancellable = observation.start(in: database, onError: { _ in }, onChange: { _ in commits.signal() })
        defer { cancellable.cancel() }
        do {
            try await cancelWhenGracefulShutdown {
                var backoff = Duration.milliseconds(100)
                while !Task.isCancelled {
                    let pass = try await deliverPending()
                    let pause: Duration
                    switch pass {
                    case .delivered:
                        backoff = .milliseconds(100)
                        pause = idleCheck
                    case .refused, .peerUnreachable:
                        pause = backoff
                        backoff = min(backoff * 2, maxBackoff)
                    }
                    // A commit to the outbox ends the pause early (not a refusal's backoff:
                    // that is about the peer, not about new messages).
                    if case .delivered = pass {
                        await commits.wait(upTo: pause)
                        try Task.checkCancellation()
                    } else {
                        try await Task.sleep(for: pause)
                    }
                }
            }
        } catch is CancellationError {
            logger.debug("outbox relay stopped")
        }
    }

    /// Delivers everything deliverable now, in write order per partition. Cancelling the task
    /// stops it with `CancellationError` (a delivery it interrupts is not counted as a failure).
    public func deliverPending() async throws -> Pass {
        var refused: Set<String> = []
        var after: Int64 = 0
        while true {
            let position = after
            let destination = self.destination
            let batch = try await database.read { try Outbox.undelivered($0, destination: destination, after: position, limit: 64) }
            guard let last = batch.last else { break }
            after = last.sequence
            for message in batch where !refused.contains(message.partition) {
                switch try await deliver(message) {
                case .delivered: continue
                case .refused: refused.insert(message.partition)
                case .peerUnreachable: return .peerUnreachable
                }
            }
        }
        return refused.isEmpty ? .delivered : .refused(partitions: refused)
    }

    private enum Outcome {
        case delivered, refused, peerUnreachable
    }

    /// Statuses that say the peer could not take the message now, whatever it is.
    private static let transient: Set<StatusCode> = [.unavailable, .deadlineExceeded, .resourceExhausted, .cancelled, .aborted]

    private func deliver(_ message: Outbox.Message) async throws -> Outcome {
        let failure: String
        let outcome: Outcome
        do {
            let response = try await peer.send(method: message.method, payload: message.payload, deadline: deliveryDeadline)
            if response.status == .ok {
                try await database.write { try Outbox.markDelivered($0, sequence: message.sequence, at: clock.now()) }
                logger.debug("outbox message delivered", metadata: ["outbox.message_id": "\(message.messageID)"])
                return .delivered
            }
            failure = "\(response.status): \(response.message)"
            outcome = Self.transient.contains(response.status) ? .peerUnreachable : .refused
            if outcome == .refused {
                logger.error("peer refused an outbox message; its partition waits, the others go on", metadata: [
                    "outbox.message_id": "\(message.messageID)", "outbox.partition": "\(message.partition)",
                    "rpc.method": "\(message.method)", "error": "\(failure)",
                ])
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            failure = "\(error)"
            outcome = .peerUnreachable
        }
        if outcome == .peerUnreachable {
            logger.notice("peer unreachable; outbox delivery will be retried", metadata: [
                "outbox.message_id": "\(message.messageID)", "error": "\(failure)",
            ])
        }
        try await database.write {
            try Outbox.recordFailure($0, sequence: message.sequence, error: failure, parked: outcome == .refused)
        }
        return outcome
    }
}
