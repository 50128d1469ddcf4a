import GRDB
import HuanjuDomain
import HuanjuRuntime

/// The billing database: accounts, applications, fee terms, orders and their lines,
/// expansion tickets, and the outbox to activation.
///
/// Each method is one transaction, named after what it does; a write is committed (WAL,
/// `synchronous=FULL` under `ServiceDatabase.open`) before it returns, so a call answers OK
/// only once its effect is durable. Rows are read and written as the records of
/// `Storage/Records` (one per table). Rules come from HuanjuDomain and take `now` from the caller.
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
    static func account(_ db: Database, _ accountID: String) throws -> Account {
        guard let record = try AccountRecord.filter(AccountRecord.Columns.accountID == accountID).fetchOne(db) else {
            throw DomainError.notFound(
                "no account \(accountID); register one with RegisterAccount and send the id it returns as account-id")
        }
        return try record.account()
    }

    /// The account's latest application row, if it ever applied.
    static func latestApplication(_ db: Database, _ accountID: String) throws -> ApplicationRecord? {
        try ApplicationRecord
            .filter(ApplicationRecord.Columns.accountID == accountID)
            .order(ApplicationRecord.Columns.applicationID.desc)
            .fetchOne(db)
    }

    /// The account's annual-fee terms.
    static func feeSchedule(_ db: Database, _ accountID: String) throws -> FeeSchedule {
        let terms = try FeeTermRecord
            .filter(FeeTermRecord.Columns.accountID == accountID)
            .order(FeeTermRecord.Columns.startAt)
            .fetchAll(db)
        do {
            return try FeeSchedule(terms: try terms.map { try $0.term() })
        } catch let error as DomainError {
            throw StoredDataError("fee_terms holds overlapping terms for account \(accountID): \(error)")
        }
    }

    /// An account's numbers: orders, total spent, orders still being fulfilled.
    static func ordersSummary(_ db: Database, _ accountID: String) throws -> OrdersSummary {
        let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS order_count, COALESCE(SUM(total_fen), 0) AS total_fen, MAX(placed_at) AS last_order_at,
                   COALESCE(SUM(EXISTS (
                       SELECT 1 FROM outbox WHERE delivered_at IS NULL
                       AND substr(message_id, 1, length(orders.event_prefix)) = orders.event_prefix
                   )), 0) AS pending
            FROM orders WHERE account_id = ?
            """, arguments: [accountID])
        return OrdersSummary(
            orderCount: row?["order_count"] ?? 0, totalSpent: Fen(row?["total_fen"] ?? 0),
            pendingFulfilment: row?["pending"] ?? 0,
            lastOrderAt: (row?["last_order_at"] as Int64?).map(Instant.init(unixMilliseconds:)))
    }

    /// Everything `GetAccount` shows for one account.
    static func overview(_ db: Database, _ account: Account) throws -> AccountOverview {
        AccountOverview(
            account: account, application: try latestApplication(db, account.id)?.application(),
            fee: try feeSchedule(db, account.id), summary: try ordersSummary(db, account.id))
    }

    /// Refuses a page token that decodes but names no row of the listing: `listing` is the
    /// listing's rows (its account and filter applied) narrowed to the row the token names.
    static func checkToken<Record: TableRecord>(_ page: PageRequest, names listing: QueryInterfaceRequest<Record>, _ db: Database) throws {
        guard let after = page.after else { return }
        try page.check(issued: after.secondKey == 0 && !(try listing.isEmpty(db)))
    }
}

extension StoredDataError {
    /// The domain value a text column holds, or the error naming the column.
    static func decode<T: RawRepresentable>(_: T.Type, _ text: String, in column: String) throws(StoredDataError) -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw .unexpected(text, in: column) }
        return value
    }
}
