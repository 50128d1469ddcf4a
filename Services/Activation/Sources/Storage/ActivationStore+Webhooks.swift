import GRDB
import HuanjuDomain
import HuanjuRuntime

/// How webhook delivery stands over all accounts (or one), as operators see it.
struct WebhookReport: Sendable, Equatable {
    /// Endpoints registered.
    let endpoints: Int
    /// Events waiting, all endpoints together.
    let backlog: Int
    /// Endpoints whose last attempt failed.
    let failing: Int
    /// The endpoints with a backlog or a failure, the one waiting longest first, at most 100
    /// (for one account: its endpoint, whatever its state).
    let listed: [StoredWebhook]
    /// When the oldest waiting event was recorded.
    let oldestWaiting: Instant?
}

extension ActivationStore {
    /// The most endpoints an operator's status lists.
    static let webhookStatusLimit = 100

    // MARK: The account's endpoint

    /// Registers the account's endpoint, or replaces its URL and secret. A new endpoint starts
    /// after the last event recorded so far (the sequence orders every feed), so it receives
    /// the account's events recorded from now on. Replacing keeps the cursor, and clears the
    /// failures and the pause: the new URL is tried at once. Returns the endpoint and whether
    /// it replaced one.
    func setWebhook(account: String, url: String, secret: String, at now: Instant) async throws -> (StoredWebhook, replaced: Bool) {
        try await database.write { db in
            var replaced = false
            if var endpoint = try WebhookRecord.fetchOne(db, key: account) {
                endpoint.url = url
                endpoint.secret = secret
                endpoint.updatedAt = now
                endpoint.attempts = 0
                endpoint.nextAttemptAt = nil
                endpoint.lastError = nil
                endpoint.lastHTTPStatus = nil
                try endpoint.update(db)
                replaced = true
            } else {
                let end = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) FROM feed_events") ?? 0
                try WebhookRecord(
                    accountID: account, url: url, secret: secret, createdAt: now, updatedAt: now, deliveredThrough: end,
                    delivered: 0, attempts: 0, lastAttemptAt: nil, lastHTTPStatus: nil, lastError: nil, nextAttemptAt: nil,
                    lastDeliveredAt: nil
                ).insert(db)
            }
            guard let stored = try Self.storedWebhooks(db, account: account).first else {
                throw StoredDataError("the webhook of account \(account) was written but cannot be read back")
            }
            return (stored, replaced)
        }
    }

    /// The account's endpoint with what waits for it (nil when it has none).
    func webhook(ofAccount account: String) async throws -> StoredWebhook? {
        try await database.read { db in try Self.storedWebhooks(db, account: account).first }
    }

    /// Removes the account's endpoint; false when it had none.
    func deleteWebhook(ofAccount account: String) async throws -> Bool {
        try await database.write { db in try WebhookRecord.deleteOne(db, key: account) }
    }

    // MARK: Operators

    /// Webhook delivery over every account, or one.
    func webhookReport(account: String?) async throws -> WebhookReport {
        try await database.read { db in
            let all = try Self.storedWebhooks(db, account: account)
            let waiting = all.compactMap { $0.next?.recordedAt }
            var listed = all
            if account == nil {
                listed = all.filter { $0.backlog > 0 || $0.failing }.sorted {
                    ($0.next?.recordedAt ?? .latestSupported, $0.accountID) < ($1.next?.recordedAt ?? .latestSupported, $1.accountID)
                }
            }
            return WebhookReport(
                endpoints: all.count, backlog: all.reduce(0) { $0 + $1.backlog }, failing: all.filter(\.failing).count,
                listed: Array(listed.prefix(Self.webhookStatusLimit)), oldestWaiting: waiting.min())
        }
    }

    // MARK: Delivery

    /// The accounts whose endpoint has events waiting, with when each may be tried again (nil:
    /// now), those due first.
    func webhooksWaiting() async throws -> [(accountID: String, nextAttemptAt: Instant?)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT account_id, next_attempt_at FROM webhooks w
                WHERE EXISTS (SELECT 1 FROM feed_events f WHERE f.account_id = w.account_id AND f.sequence > w.delivered_through)
                ORDER BY COALESCE(next_attempt_at, 0), account_id
                """).map { row in
                (row["account_id"], (row["next_attempt_at"] as Int64?).map(Instant.init(unixMilliseconds:)))
            }
        }
    }

    /// The account's endpoint and the event waiting first for it (nil: no endpoint, or
    /// nothing waits).
    func nextWebhookDelivery(ofAccount account: String) async throws -> (endpoint: WebhookRecord, event: FeedEventRecord)? {
        try await database.read { db in
            guard let endpoint = try WebhookRecord.fetchOne(db, key: account) else { return nil }
            typealias Columns = FeedEventRecord.Columns
            guard let event = try FeedEventRecord
                .filter(Columns.accountID == account && Columns.sequence > endpoint.deliveredThrough)
                .order(Columns.sequence).fetchOne(db) else { return nil }
            return (endpoint, event)
        }
    }

    /// The endpoint acknowledged the event at `sequence`: its cursor moves there, its failures
    /// are cleared. Only while the endpoint is still the one it was sent to (the same secret:
    /// SetWebhook rotates it) and the cursor is still before the event; false otherwise
    /// (nothing changed: the event goes to the new endpoint).
    @discardableResult
    func recordWebhookDelivered(
        account: String, secret: String, sequence: Int64, status: Int, at now: Instant
    ) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE webhooks SET delivered_through = ?, delivered = delivered + 1, attempts = 0, last_attempt_at = ?,
                    last_http_status = ?, last_error = NULL, next_attempt_at = NULL, last_delivered_at = ?
                WHERE account_id = ? AND secret = ? AND delivered_through < ?
                """, arguments: [sequence, now.unixMilliseconds, status, now.unixMilliseconds, account, secret, sequence])
            return db.changesCount == 1
        }
    }

    /// An attempt at the event at `sequence` failed: one failure more, the reason, and when to
    /// try again. Only while the endpoint is still the one it was sent to; false otherwise.
    @discardableResult
    func recordWebhookFailure(
        account: String, secret: String, sequence: Int64, status: Int?, error: String, at now: Instant, retryAt: Instant
    ) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: """
                UPDATE webhooks SET attempts = attempts + 1, last_attempt_at = ?, last_http_status = ?, last_error = ?,
                    next_attempt_at = ?
                WHERE account_id = ? AND secret = ? AND delivered_through < ?
                """, arguments: [now.unixMilliseconds, status, error, retryAt.unixMilliseconds, account, secret, sequence])
            return db.changesCount == 1
        }
    }

    // MARK: Helpers inside a transaction

    /// Every endpoint (or the account's), with its backlog and the event waiting first.
    static func storedWebhooks(_ db: Database, account: String?) throws -> [StoredWebhook] {
        let waiting = "FROM feed_events f WHERE f.account_id = w.account_id AND f.sequence > w.delivered_through"
        var sql = """
            SELECT w.*, (SELECT COUNT(*) \(waiting)) AS backlog,
                (SELECT f.event_id \(waiting) ORDER BY f.sequence LIMIT 1) AS next_event_id,
                (SELECT f.recorded_at \(waiting) ORDER BY f.sequence LIMIT 1) AS next_recorded_at
            FROM webhooks w
            """
        var arguments: StatementArguments = []
        if let account {
            sql += " WHERE w.account_id = ?"
            arguments = [account]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY w.account_id", arguments: arguments).map { row in
            let nextID: String? = row["next_event_id"]
            let nextAt: Int64? = row["next_recorded_at"]
            return StoredWebhook(
                record: try WebhookRecord(row: row), backlog: row["backlog"],
                next: nextID.flatMap { id in nextAt.map { (id, Instant(unixMilliseconds: $0)) } })
        }
    }
}
