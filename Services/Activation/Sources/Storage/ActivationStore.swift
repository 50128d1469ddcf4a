import GRDB
import HuanjuDomain
import HuanjuRuntime

/// The activation service's one database façade. Every method is one transaction, and a
/// write has committed (WAL, `synchronous=FULL`) before it returns, so a call answers OK only
/// once its change — a binding, an issued code, an applied expansion with its outbox
/// message — is durable.
public final class ActivationStore: Sendable {
    let database: any DatabaseWriter

    /// A store over a database that `ActivationMigrations.migrator` has migrated
    /// (`ServiceRuntime.openDatabase` or `ServiceDatabase.open` do that).
    public init(database: any DatabaseWriter) {
        self.database = database
    }

    // MARK: Reading codes

    /// A page of an account's codes, oldest issue first.
    func codes(ofAccount accountId: String, page: PageRequest) async throws -> PageOf<StoredCode> {
        try await database.read { db in
            var sql = "SELECT \(CodeRecord.columns) FROM codes WHERE account_id = ?"
            var arguments: StatementArguments = [accountId]
            if let after = page.after {
                sql += " AND (issued_at > ? OR (issued_at = ? AND code_id > ?))"
                arguments += [after.key, after.key, after.id]
            }
            sql += " ORDER BY issued_at, code_id LIMIT ?"
            arguments += [page.size + 1]
            let records = try Row.fetchAll(db, sql: sql, arguments: arguments).map(CodeRecord.init(row:))
            let page = PageOf(fetched: records, size: page.size) {
                PagePosition(key: $0.issuedAt.unixMilliseconds, id: $0.codeId)
            }
            return PageOf(items: try Self.assemble(db, page.items), nextPageToken: page.nextPageToken)
        }
    }

    /// A code by id, only if it belongs to `accountId` (nil for an unknown or another account's code).
    func code(id codeId: String, ofAccount accountId: String) async throws -> StoredCode? {
        try await database.read { db in
            guard let record = try Row.fetchOne(
                db, sql: "SELECT \(CodeRecord.columns) FROM codes WHERE code_id = ? AND account_id = ?",
                arguments: [codeId, accountId]).map(CodeRecord.init(row:)) else { return nil }
            return try Self.assemble(db, [record]).first
        }
    }

    /// A code by its secret, whoever owns it (for AuthorizeBroadcast).
    func code(secret: CodeSecret) async throws -> StoredCode? {
        try await database.read { db in
            guard let record = try Self.codeRecord(db, secret: secret) else { return nil }
            return try Self.assemble(db, [record]).first
        }
    }

    // MARK: Helpers inside a transaction

    static func codeRecord(_ db: Database, secret: CodeSecret) throws -> CodeRecord? {
        try Row.fetchOne(db, sql: "SELECT \(CodeRecord.columns) FROM codes WHERE secret = ?", arguments: [secret.canonical])
            .map(CodeRecord.init(row:))
    }

    static func codeRecord(_ db: Database, id codeId: String) throws -> CodeRecord? {
        try Row.fetchOne(db, sql: "SELECT \(CodeRecord.columns) FROM codes WHERE code_id = ?", arguments: [codeId])
            .map(CodeRecord.init(row:))
    }

    /// The account's copy of its annual-fee schedule (empty if billing never reported one).
    static func feeSchedule(_ db: Database, account accountId: String) throws -> FeeSchedule {
        let terms = try Row.fetchAll(
            db, sql: "SELECT start_at, end_at FROM fee_terms WHERE account_id = ? ORDER BY start_at", arguments: [accountId]
        ).map { row in
            try FeeTerm(start: Instant(unixMilliseconds: row["start_at"]), end: Instant(unixMilliseconds: row["end_at"]))
        }
        return try FeeSchedule(terms: terms)
    }

    /// Records joined with their fee schedules and expansions.
    static func assemble(_ db: Database, _ records: [CodeRecord]) throws -> [StoredCode] {
        guard !records.isEmpty else { return [] }
        var fees: [String: FeeSchedule] = [:]
        for account in Set(records.map(\.accountId)) { fees[account] = try feeSchedule(db, account: account) }
        let ids = records.map(\.codeId)
        let expansions = try Row.fetchAll(db, sql: """
            SELECT \(ExpansionRecord.columns) FROM expansions WHERE code_id IN (\(databaseQuestionMarks(count: ids.count)))
            ORDER BY paid_at, ticket_id
            """, arguments: StatementArguments(ids)).map(ExpansionRecord.init(row:))
        let byCode = Dictionary(grouping: expansions, by: \.codeId)
        return try records.map { record in
            StoredCode(
                record: record, code: try record.domainCode(), secret: try record.codeSecret(),
                fee: fees[record.accountId] ?? FeeSchedule(),
                expansions: (byCode[record.codeId] ?? []).filter { $0.accountId == record.accountId })
        }
    }
}
