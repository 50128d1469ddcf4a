import GRDB
import HuanjuDomain
import HuanjuRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers every account's feed to its webhook endpoint: the events after the endpoint's
/// cursor, in feed order, one at a time per account, each until the endpoint answers 2xx.
///
/// - **At least once**: the cursor moves (in SQLite, so a restart or `kill -9` resumes where
///   it was) only after a 2xx; an event whose answer was lost is sent again. Receivers
///   de-duplicate on the event id.
/// - **Accounts are independent**: each account with a backlog gets a worker of its own, at
///   most `maxConcurrent` at once; a worker sends its account's events until the backlog is
///   empty or an attempt fails. A failure (a non-2xx answer, no connection, no answer within
///   the policy's limit) records why and when to try again (`WebhookRetryPolicy`: 1 s doubling
///   to 5 min, with jitter) and ends the worker, so a failing endpoint waits alone and never
///   holds a slot while it rests.
/// - **Woken by commits**: a transaction that records feed events or changes an endpoint
///   wakes it at once (GRDB's region observation), as commits wake the outbox relays; else it
///   sleeps until the next retry is due, or `idleCheck` at most.
/// - Retry instants are the host's real time (`realClock`), whatever the business clock.
/// - Unexpected errors (the database) are logged and retried after a pause: they never stop
///   the service. A graceful shutdown cancels the attempts in flight (they are sent again
///   after the restart).
public struct WebhookDelivery: Service {
    let store: ActivationStore
    let sender: WebhookSender
    let policy: WebhookRetryPolicy
    let realClock: any BusinessClock
    let logger: Logger
    /// The most accounts served at once.
    let maxConcurrent: Int
    /// How long it sleeps with nothing due before looking anyway (a safety net).
    let idleCheck: Duration

    /// The delivery for `store`'s endpoints, sending with `sender`.
    public init(
        store: ActivationStore, sender: WebhookSender, realClock: any BusinessClock = WallClock(), logger: Logger,
        maxConcurrent: Int = 16, idleCheck: Duration = .seconds(10)
    ) {
        self.init(store: store, sender: sender, policy: .standard, realClock: realClock, logger: logger,
                  maxConcurrent: maxConcurrent, idleCheck: idleCheck)
    }

    init(
        store: ActivationStore, sender: WebhookSender, policy: WebhookRetryPolicy, realClock: any BusinessClock,
        logger: Logger, maxConcurrent: Int = 16, idleCheck: Duration = .seconds(10)
    ) {
        self.store = store
        self.sender = sender
        self.policy = policy
        self.realClock = realClock
        self.logger = logger
        self.maxConcurrent = max(maxConcurrent, 1)
        self.idleCheck = idleCheck
    }

    /// Delivers until graceful shutdown or cancellation, which end it normally.
    public func run() async throws {
        let wake = WakeSignal()
        let observation = DatabaseRegionObservation(tracking: Table("feed_events"), Table("webhooks"))
        let cancellable = observation.start(in: store.database, onError: { _ in }, onChange: { _ in wake.signal() })
        defer { cancellable.cancel() }
        let running = RunningAccounts(limit: maxConcurrent)
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    while !Task.isCancelled {
                        let pause: Duration
                        do {
                            pause = try await startWorkers(in: &group, running: running, wake: wake)
                        } catch let error as CancellationError {
                            throw error
                        } catch {
                            logger.error("webhooks: the endpoints waiting could not be read; retrying in 1 s",
                                         metadata: ["error": "\(error)"])
                            pause = .seconds(1)
                        }
                        await wake.wait(upTo: pause)
                        try Task.checkCancellation()
                    }
                }
            }
        } catch is CancellationError {
            logger.debug("webhook delivery stopped")
        }
    }

    /// Starts a worker for each account whose events are due and that has none yet (as many as
    /// the limit allows); returns how long to sleep: until the next retry is due, `idleCheck`
    /// at most.
    private func startWorkers(
        in group: inout ThrowingDiscardingTaskGroup<any Error>, running: RunningAccounts, wake: WakeSignal
    ) async throws -> Duration {
        let now = realClock.now()
        var pause = idleCheck
        for (account, nextAttempt) in try await store.webhooksWaiting() {
            if let nextAttempt, !policy.isDue(retryAt: nextAttempt, now: now) {
                pause = min(pause, .milliseconds((nextAttempt - now).milliseconds))
                continue
            }
            guard running.start(account) else { continue }
            group.addTask {
                await deliverBacklog(of: account)
                running.finish(account)
                wake.signal()
            }
        }
        return pause
    }

    /// Sends the account's waiting events in order until none is left or one fails. Never throws.
    func deliverBacklog(of account: String) async {
        do {
            while try await deliverNext(of: account) {}
        } catch is CancellationError {
            return
        } catch {
            logger.error("webhooks: delivery stopped by an error; retrying in 1 s", metadata: [
                "account.id": "\(account)", "error": "\(error)",
            ])
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Sends the event waiting first to the account's endpoint, if it is due. Returns whether
    /// it was acknowledged (and so whether to go on).
    func deliverNext(of account: String) async throws -> Bool {
        guard let (endpoint, record) = try await store.nextWebhookDelivery(ofAccount: account),
              let sequence = record.sequence else { return false }
        guard policy.isDue(retryAt: endpoint.nextAttemptAt, now: realClock.now()) else { return false }
        let outcome: HTTPPoster.Outcome
        do {
            let url = try WebhookURL(endpoint.url)
            outcome = try await sender.send(try WebhookEvent(record), to: url, secret: endpoint.secret, timeout: policy.attemptTimeout)
        } catch let error as CancellationError {
            throw error
        } catch {
            outcome = .failed("the event cannot be sent: \(error)")
        }
        let now = realClock.now()
        if outcome.isSuccess {
            let moved = try await store.recordWebhookDelivered(
                account: account, secret: endpoint.secret, sequence: sequence, status: outcome.status ?? 200, at: now)
            logger.debug("webhook delivered", metadata: [
                "account.id": "\(account)", "webhook.event_id": "\(record.eventID)", "webhook.cursor_moved": "\(moved)",
            ])
            return true
        }
        let failures = endpoint.attempts + 1
        let pause = policy.pause(afterFailures: failures, jitter: Double.random(in: 0..<1))
        let failure = outcome.failure ?? "failed"
        try await store.recordWebhookFailure(
            account: account, secret: endpoint.secret, sequence: sequence, status: outcome.status, error: failure, at: now,
            retryAt: now + pause)
        logger.notice("webhook delivery failed; the account's events wait and are retried", metadata: [
            "account.id": "\(account)", "webhook.event_id": "\(record.eventID)", "webhook.attempts": "\(failures)",
            "webhook.retry_in_ms": "\(pause.milliseconds)", "error": "\(failure)",
        ])
        return false
    }
}

/// The accounts a worker is delivering for, at most `limit`.
private final class RunningAccounts: Sendable {
    private let accounts = Mutex<Set<String>>([])
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a place for `account`; false when it has one already or none is free.
    func start(_ account: String) -> Bool {
        accounts.withLock { accounts in
            guard accounts.count < limit, !accounts.contains(account) else { return false }
            accounts.insert(account)
            return true
        }
    }

    func finish(_ account: String) {
        accounts.withLock { _ = $0.remove(account) }
    }
}
