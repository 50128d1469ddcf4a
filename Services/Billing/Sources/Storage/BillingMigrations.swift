import GRDB
import HuanjuRuntime

/// The billing database's schema, as versioned migrations. A shipped migration is never
/// edited: a change is a new migration ("billing-v2", "billing-v3", …). Since billing-v3 the
/// tables are `accounts`, `applications`, `fee_terms`, `expansion_tickets`, `orders`, `order_lines`
/// and `registration_keys`, one `Storage/Records` record each.
///
/// Instants are INTEGER Unix milliseconds (UTC); money is INTEGER fen.
public enum BillingMigrations {
    /// Every migration of the billing database, in order, with the runtime's outbox and inbox.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("billing-v1") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    account_id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('ENTERPRISE', 'INDIVIDUAL')),
                    display_name TEXT NOT NULL,
                    contact TEXT NOT NULL,
                    registered_at INTEGER NOT NULL
                );
                CREATE INDEX account_by_registration ON account(registered_at, account_id);

                -- Every application an account made, oldest first; the latest one counts.
                CREATE TABLE application (
                    application_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account_id TEXT NOT NULL REFERENCES account(account_id),
                    submitted_at INTEGER NOT NULL,
                    decision_due INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
                    decided_at INTEGER,
                    rejection_reason TEXT
                );
                CREATE INDEX application_by_account ON application(account_id, application_id);

                -- The account's annual-fee terms [start_at, end_at), end exclusive.
                CREATE TABLE fee_term (
                    account_id TEXT NOT NULL REFERENCES account(account_id),
                    start_at INTEGER NOT NULL,
                    end_at INTEGER NOT NULL CHECK (end_at > start_at),
                    PRIMARY KEY (account_id, start_at)
                ) WITHOUT ROWID;

                CREATE TABLE expansion_ticket (
                    ticket_id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(account_id),
                    code_id TEXT NOT NULL,
                    groups INTEGER NOT NULL CHECK (groups >= 1),
                    state TEXT NOT NULL CHECK (state IN ('PENDING_REVIEW', 'APPROVED', 'REJECTED', 'PAID', 'APPLIED')),
                    rejection_reason TEXT,
                    opened_at INTEGER NOT NULL,
                    decided_at INTEGER,
                    paid_at INTEGER,
                    applied_at INTEGER,
                    order_id TEXT
                );
                CREATE INDEX expansion_ticket_by_account ON expansion_ticket(account_id, opened_at, ticket_id);
                CREATE INDEX expansion_ticket_by_opening ON expansion_ticket(opened_at, ticket_id);

                -- The ledger: one row per purchase, paid when placed and final.
                -- (account_id, idempotency_key) is unique: a retry finds its original order.
                CREATE TABLE purchase_order (
                    order_id TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES account(account_id),
                    kind TEXT NOT NULL CHECK (kind IN ('ANNUAL_FEE', 'CODES', 'EXPANSION')),
                    placed_at INTEGER NOT NULL,
                    total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
                    idempotency_key TEXT NOT NULL,
                    code_kind TEXT CHECK (code_kind IN ('FLAGSHIP', 'STANDARD')),
                    code_quantity INTEGER,
                    addon_groups_per_code INTEGER,
                    ticket_id TEXT REFERENCES expansion_ticket(ticket_id),
                    expansion_groups INTEGER,
                    fee_active_until INTEGER,
                    event_prefix TEXT NOT NULL,
                    UNIQUE (account_id, idempotency_key)
                );
                CREATE INDEX purchase_order_by_account ON purchase_order(account_id, placed_at, order_id);

                CREATE TABLE order_line (
                    order_id TEXT NOT NULL REFERENCES purchase_order(order_id),
                    position INTEGER NOT NULL,
                    item TEXT NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity >= 0),
                    unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
                    total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
                    PRIMARY KEY (order_id, position)
                ) WITHOUT ROWID;
                """)
        }
        Outbox.registerMigration(in: &migrator)
        Inbox.registerMigration(in: &migrator)
        migrator.registerMigration("billing-v2") { db in
            try db.execute(sql: """
                -- RegisterAccount's optional idempotency keys: a retried registration finds its account.
                CREATE TABLE registration_key (
                    idempotency_key TEXT PRIMARY KEY,
                    account_id TEXT NOT NULL UNIQUE REFERENCES account(account_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("billing-v3") { db in
            // The one naming table: plural tables, instants as `<event>_at`. SQLite (≥ 3.26)
            // rewrites the REFERENCES clauses of the other tables on each rename; indexes follow
            // their table and are recreated under the new names.
            try db.execute(sql: """
                ALTER TABLE account RENAME TO accounts;
                ALTER TABLE application RENAME TO applications;
                ALTER TABLE fee_term RENAME TO fee_terms;
                ALTER TABLE expansion_ticket RENAME TO expansion_tickets;
                ALTER TABLE purchase_order RENAME TO orders;
                ALTER TABLE order_line RENAME TO order_lines;
                ALTER TABLE registration_key RENAME TO registration_keys;

                ALTER TABLE applications RENAME COLUMN decision_due TO decision_due_at;
                ALTER TABLE orders RENAME COLUMN fee_active_until TO fee_active_until_at;

                DROP INDEX account_by_registration;
                CREATE INDEX accounts_by_registration ON accounts(registered_at, account_id);
                DROP INDEX application_by_account;
                CREATE INDEX applications_by_account ON applications(account_id, application_id);
                DROP INDEX expansion_ticket_by_account;
                CREATE INDEX expansion_tickets_by_account ON expansion_tickets(account_id, opened_at, ticket_id);
                DROP INDEX expansion_ticket_by_opening;
                CREATE INDEX expansion_tickets_by_opening ON expansion_tickets(opened_at, ticket_id);
                DROP INDEX purchase_order_by_account;
                CREATE INDEX orders_by_account ON orders(account_id, placed_at, order_id);
                """)
        }
        return migrator
    }
}
