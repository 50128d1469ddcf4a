import GRDB
import HuanjuRuntime

/// The room-session database's schema, versioned in code. A shipped migration is never
/// edited: later changes are new migrations ("session-v2", "session-v3", …).
///
/// - `broadcasts` (`BroadcastRecord`): one row per broadcast, written durably before the room
///   opens; its totals, hard end and state follow the room in batches
///   (`RoomSessionStore.writeRadar`). The code's text, the device id and the WeChat id are
///   never stored: a trial's one-at-a-time slot is the WeChat id's SHA-256 (`slot_key`, with
///   the bounds behind a paid broadcast's hard end, since session-v4, so that a restart reopens
///   live broadcasts); the host token's SHA-256 is (`host_token_sha256`, since session-v2;
///   session-v1 stored the token itself), so that a host can read the radar after the
///   broadcast ended and after a restart.
/// - `radar_viewers` (`RadarViewerRecord`): one row per viewer and broadcast (RULES §9),
///   upserted in batches.
/// - the runtime's `outbox`: a paid broadcast's start and end, for activation (the feed).
///
/// Instants are `<event>_at` INTEGER Unix milliseconds and durations `<name>_ms` (since
/// session-v3; before it instants were `<event>_ms` too).
public enum RoomSessionMigrations {
    /// Every migration of the room-session database, in order.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("session-v1") { db in
            try db.execute(sql: """
                CREATE TABLE broadcasts (
                    broadcast_id   TEXT    NOT NULL PRIMARY KEY,
                    kind           TEXT    NOT NULL CHECK (kind IN ('PAID', 'TRIAL')),
                    state          TEXT    NOT NULL CHECK (state IN ('LIVE', 'ENDED')),
                    account_id     TEXT,
                    code_id        TEXT,
                    title          TEXT    NOT NULL DEFAULT '',
                    host_token     TEXT    NOT NULL,
                    viewer_limit   INTEGER NOT NULL CHECK (viewer_limit >= 1),
                    started_at_ms  INTEGER NOT NULL,
                    hard_end_ms    INTEGER NOT NULL,
                    ended_at_ms    INTEGER,
                    end_reason     TEXT CHECK (end_reason IN
                        ('HOST_ENDED', 'MAX_DURATION', 'CODE_EXPIRED', 'FEE_LAPSED', 'SERVICE_RESTARTED')),
                    peak_viewers   INTEGER NOT NULL DEFAULT 0,
                    unique_viewers INTEGER NOT NULL DEFAULT 0,
                    total_watch_ms INTEGER NOT NULL DEFAULT 0,
                    flushed_at_ms  INTEGER,
                    CHECK ((kind = 'PAID') = (account_id IS NOT NULL AND code_id IS NOT NULL)),
                    CHECK ((state = 'ENDED') = (ended_at_ms IS NOT NULL AND end_reason IS NOT NULL))
                );
                CREATE INDEX broadcasts_by_account
                    ON broadcasts (account_id, started_at_ms DESC, broadcast_id DESC) WHERE account_id IS NOT NULL;
                CREATE INDEX broadcasts_live ON broadcasts (state) WHERE state = 'LIVE';
                CREATE INDEX broadcasts_by_end ON broadcasts (ended_at_ms) WHERE ended_at_ms IS NOT NULL;
                CREATE TABLE radar_viewers (
                    broadcast_id  TEXT    NOT NULL REFERENCES broadcasts (broadcast_id) ON DELETE CASCADE,
                    viewer_id     TEXT    NOT NULL,
                    first_join_ms INTEGER NOT NULL,
                    last_seen_ms  INTEGER NOT NULL,
                    visits        INTEGER NOT NULL,
                    watch_ms      INTEGER NOT NULL,
                    PRIMARY KEY (broadcast_id, viewer_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("session-v2") { db in
            // Host tokens are stored as their SHA-256 only: a copy of the database gives no host access.
            try db.execute(sql: "ALTER TABLE broadcasts RENAME COLUMN host_token TO host_token_sha256")
            let rows = try Row.fetchAll(db, sql: "SELECT broadcast_id, host_token_sha256 FROM broadcasts")
            for row in rows {
                let token: String = row["host_token_sha256"]
                try db.execute(sql: "UPDATE broadcasts SET host_token_sha256 = ? WHERE broadcast_id = ?",
                               arguments: [HostToken.digest(token), row["broadcast_id"] as String])
            }
        }
        migrator.registerMigration("session-v3") { db in
            // Instant columns are named `<event>_at` in every service (durations keep `_ms`).
            // SQLite rewrites the indexes and CHECK constraints that name them.
            try db.execute(sql: """
                ALTER TABLE broadcasts RENAME COLUMN started_at_ms TO started_at;
                ALTER TABLE broadcasts RENAME COLUMN hard_end_ms TO hard_end_at;
                ALTER TABLE broadcasts RENAME COLUMN ended_at_ms TO ended_at;
                ALTER TABLE broadcasts RENAME COLUMN flushed_at_ms TO flushed_at;
                ALTER TABLE radar_viewers RENAME COLUMN first_join_ms TO first_join_at;
                ALTER TABLE radar_viewers RENAME COLUMN last_seen_ms TO last_seen_at;
                """)
        }
        migrator.registerMigration("session-v4") { db in
            // Live broadcasts survive a restart: what rebuilds their in-memory facts (the
            // one-at-a-time slot, the bounds behind the hard end) is in the row.
            try db.execute(sql: """
                ALTER TABLE broadcasts ADD COLUMN slot_key TEXT;
                ALTER TABLE broadcasts ADD COLUMN code_valid_until_at INTEGER;
                ALTER TABLE broadcasts ADD COLUMN fee_active_until_at INTEGER;
                UPDATE broadcasts SET slot_key = 'code:' || code_id WHERE kind = 'PAID' AND code_id IS NOT NULL;
                """)
        }
        // Since session-v4: the runtime's outbox, carrying paid broadcasts' starts and ends to
        // activation for the account's feed.
        Outbox.registerMigration(in: &migrator)
        return migrator
    }
}
