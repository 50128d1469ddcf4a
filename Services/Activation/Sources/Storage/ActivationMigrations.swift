import GRDB
import HuanjuDomain
import HuanjuRuntime

/// The activation database's schema, versioned. A shipped migration is never edited: a change
/// is a new migration ("activation-v2", …).
///
/// Tables: `codes` (one row per code; the secret stored canonical and unique, so a typed code
/// is found by its index), `expansions` (paid expansion tickets and when they were applied),
/// `fee_accounts` + `fee_terms` (the latest copy of each account's annual-fee schedule),
/// `bind_failures` (wrong-code attempts, for the rate limit), `feed_events` + `feed_clock`
/// (the accounts' event feeds, and how far the business clock's events were recorded),
/// `webhooks` (each account's endpoint, secret and delivery cursor), and the runtime's
/// `outbox` and `inbox`.
public enum ActivationMigrations {
    /// Every migration, in order.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        Outbox.registerMigration(in: &migrator)
        Inbox.registerMigration(in: &migrator)
        migrator.registerMigration("activation-v1") { db in
            try db.execute(sql: """
                CREATE TABLE codes (
                    code_id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL,
                    secret TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('FLAGSHIP', 'STANDARD')),
                    addon_groups INTEGER NOT NULL CHECK (addon_groups >= 0),
                    expansion_groups INTEGER NOT NULL DEFAULT 0 CHECK (expansion_groups >= 0),
                    issued_at INTEGER NOT NULL,
                    order_id TEXT NOT NULL,
                    gift INTEGER NOT NULL,
                    event_id TEXT NOT NULL,
                    device_id TEXT,
                    wechat_openid TEXT,
                    bound_at INTEGER,
                    CHECK ((device_id IS NULL) = (bound_at IS NULL) AND (wechat_openid IS NULL) = (bound_at IS NULL))
                );
                CREATE INDEX codes_by_account ON codes(account_id, issued_at, code_id);

                CREATE TABLE expansions (
                    ticket_id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL,
                    code_id TEXT NOT NULL,
                    groups INTEGER NOT NULL CHECK (groups > 0),
                    paid_at INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    applied_at INTEGER,
                    event_id TEXT NOT NULL
                );
                CREATE INDEX expansions_by_code ON expansions(code_id, paid_at);
                CREATE INDEX expansions_pending ON expansions(paid_at, ticket_id) WHERE applied_at IS NULL;

                CREATE TABLE fee_accounts (
                    account_id TEXT PRIMARY KEY,
                    occurred_at INTEGER NOT NULL,
                    event_id TEXT NOT NULL
                );
                CREATE TABLE fee_terms (
                    account_id TEXT NOT NULL REFERENCES fee_accounts(account_id) ON DELETE CASCADE,
                    start_at INTEGER NOT NULL,
                    end_at INTEGER NOT NULL CHECK (end_at > start_at),
                    PRIMARY KEY (account_id, start_at)
                ) WITHOUT ROWID;

                CREATE TABLE bind_failures (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id TEXT NOT NULL,
                    failed_at INTEGER NOT NULL
                );
                CREATE INDEX bind_failures_by_account ON bind_failures(account_id, failed_at);
                """)
        }
        migrator.registerMigration("activation-v2") { db in
            // The account's event feed, and how far the business clock's events were recorded.
            try db.execute(sql: """
                ALTER TABLE codes ADD COLUMN bind_deadline_at INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE codes ADD COLUMN valid_until_at INTEGER;
                CREATE TABLE feed_events (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    event_id TEXT NOT NULL UNIQUE,
                    account_id TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    recorded_at INTEGER NOT NULL,
                    code_id TEXT,
                    code_masked TEXT,
                    ticket_id TEXT,
                    order_id TEXT,
                    deadline_at INTEGER,
                    days_left INTEGER,
                    text TEXT NOT NULL
                );
                CREATE INDEX feed_events_by_account ON feed_events(account_id, sequence);
                CREATE TABLE feed_clock (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    recorded_through INTEGER NOT NULL
                );
                """)
            for row in try Row.fetchAll(db, sql: "SELECT code_id, issued_at, bound_at FROM codes") {
                let issuedAt = Instant(unixMilliseconds: row["issued_at"])
                let boundAt: Int64? = row["bound_at"]
                try db.execute(
                    sql: "UPDATE codes SET bind_deadline_at = ?, valid_until_at = ? WHERE code_id = ?",
                    arguments: [
                        ActivationCode.bindDeadline(issuedAt: issuedAt).unixMilliseconds,
                        boundAt.map { ActivationCode.validityEnd(boundAt: Instant(unixMilliseconds: $0)).unixMilliseconds },
                        row["code_id"] as String,
                    ])
            }
            try db.execute(sql: """
                CREATE INDEX codes_unbound_by_deadline ON codes(bind_deadline_at) WHERE bound_at IS NULL;
                CREATE INDEX codes_bound_by_validity ON codes(valid_until_at) WHERE bound_at IS NOT NULL;
                CREATE INDEX fee_terms_by_end ON fee_terms(end_at);
                CREATE INDEX fee_terms_by_start ON fee_terms(start_at);
                """)
        }
        migrator.registerMigration("activation-v2-broadcasts") { db in
            // Room-session's paid broadcasts in the feed.
            try db.execute(sql: "ALTER TABLE feed_events ADD COLUMN broadcast_id TEXT")
        }
        migrator.registerMigration("activation-v3") { db in
            // Webhooks: each account's endpoint, its signing secret, and its delivery cursor in
            // the feed (a feed_events sequence) with the state of its attempts.
            try db.execute(sql: """
                CREATE TABLE webhooks (
                    account_id TEXT PRIMARY KEY,
                    url TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    delivered_through INTEGER NOT NULL CHECK (delivered_through >= 0),
                    delivered INTEGER NOT NULL DEFAULT 0,
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    last_attempt_at INTEGER,
                    last_http_status INTEGER,
                    last_error TEXT,
                    next_attempt_at INTEGER,
                    last_delivered_at INTEGER
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
