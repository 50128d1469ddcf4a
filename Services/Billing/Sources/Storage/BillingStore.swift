import GRDB
import HuanjuDomain
import HuanjuRuntime

/// The billing database: accounts, applications, fee terms, orders and their lines,
/// expansion tickets, and the outbox to activation.
///
/// Each method is one transaction, named after what it does; a write is committed (WAL,
/// `synchronous=FULL` under `ServiceDatabase.open`) before it returns, so a call answers OK
/// only once its effect is durable. Rules come from HuanjuDomain and take `now` from the caller.
public struct BillingStore: Sendable {
    let database: any DatabaseWriter
    /// The prices new orders are charged at; every line records its unit price.
    let catalog: Catalog

    /// A store over a database already migrated with `BillingMigrations.migrator`.
    public init(database: any DatabaseWriter, catalog: Catalog = .list) {
        self.database = database
        self.catalog = catalog
    }

    /// A fresh in-memory store (for tests).
    public static func inMemory(catalog: Catalog = .list) throws -> BillingStore {
        BillingStore(database: try ServiceDatabase.inMemory(migrator: BillingMigrations.migrator), catalog: catalog)
    }
}

// MARK: - Lookups shared by the transactions

extension BillingStore {
    /// The calling customer's account, or NOT_FOUND.
    static func account(_ db: Database, _ accountID: String) throws -> AccountRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE account_id = ?", arguments: [accountID]) else {
            throw DomainError.notFound(
                "no account \(accountID); register one with RegisterAccount and send the id it returns as account-id")
        }
        return try AccountRecord(row: row)
    }

    /// The account's latest application, if it ever applied.
    static func latestApplication(_ db: Database, _ accountID: String) throws -> Application? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT * FROM application WHERE account_id = ? ORDER BY application_id DESC LIMIT 1
            """, arguments: [accountID]) else { return nil }
        return try application(row)
    }

    static func application(_ row: Row) throws -> Application {
        let status: ApplicationStatus
        let name: String = row["status"]
        switch name {
        case "PENDING": status = .pending
        case "APPROVED": status = .approved
        case "REJECTED": status = .rejected(reason: row["rejection_reason"] ?? "")
        default: throw StoredValue.Corrupt(column: "application.status", value: name)
        }
        return Application(submittedAt: Instant(unixMilliseconds: row["submitted_at"]), status: status,
                           decidedAt: StoredValue.instant(row["decided_at"]))
    }

    /// The account's annual-fee terms.
    static func feeSchedule(_ db: Database, _ accountID: String) throws -> FeeSchedule {
        let terms = try Row.fetchAll(db, sql: "SELECT start_at, end_at FROM fee_term WHERE account_id = ? ORDER BY start_at",
                                     arguments: [accountID]).map { row in
            try FeeTerm(start: Instant(unixMilliseconds: row["start_at"]), end: Instant(unixMilliseconds: row["end_at"]))
        }
        return try FeeSchedule(terms: terms)
    }

    /// An account's numbers: orders, total spent, orders still being fulfilled.
    static func ordersSummary(_ db: Database, _ accountID: String) throws -> OrdersSummary {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS order_count, COALESCE(SUM(total_fen), 0) AS total_fen, MAX(placed_at) AS last_order_at,
                   COALESCE(SUM(EXISTS (
                       SELECT 1 FROM outbox WHERE delivered_at IS NULL
                       AND substr(message_id, 1, length(purchase_order.event_prefix)) = purchase_order.event_prefix
                   )), 0) AS pending
            FROM purchase_order WHERE account_id = ?
            """, arguments: [accountID])
        return OrdersSummary(
            orderCount: row?["order_count"] ?? 0, totalSpent: Fen(row?["total_fen"] ?? 0),
            pendingFulfilment: row?["pending"] ?? 0, lastOrderAt: StoredValue.instant(row?["last_order_at"]))
    }

    /// Everything `GetAccount` shows for one account.
    static func overview(_ db: Database, _ account: AccountRecord) throws -> AccountOverview {
        AccountOverview(
            account: account, application: try latestApplication(db, account.id),
            fee: try feeSchedule(db, account.id), summary: try ordersSummary(db, account.id))
    }
}
