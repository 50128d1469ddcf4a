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
    ///
    /// - Throws: INVALID_ARGUMENT when the page token names no code of this account.
    func codes(ofAccount accountID: String, page: PageRequest) async throws -> PageOf<StoredCode> {
        try await database.read { db in
            typealias Columns = CodeRecord.Columns
            var request = CodeRecord.filter(Columns.accountID == accountID)
            if let after = page.after {
                let issued = try after.secondKey == 0 && request.filter(
                    Columns.codeID == after.id && Columns.issuedAt == after.key).fetchCount(db) == 1
                try page.check(issued: issued)
                request = request.filter(
                    Columns.issuedAt > after.key || (Columns.issuedAt == after.key && Columns.codeID > after.id))
            }
            let records = try request.order(Columns.issuedAt, Columns.codeID).limit(page.size + 1).fetchAll(db)
            let page = PageOf(fetched: records, size: page.size) {
                PagePosition(key: $0.issuedAt.unixMilliseconds, id: $0.codeID)
            }
            return PageOf(items: try Self.assemble(db, page.items), nextPageToken: page.nextPageToken)
        }
    }

    /// A code by id, only if it belongs to `accountID` (nil for an unknown or another account's code).
    func code(id codeID: String, ofAccount accountID: String) async throws -> StoredCode? {
        try await database.read { db in
            guard let record = try CodeRecord.fetchOne(db, key: codeID), record.accountID == accountID else { return nil }
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

    /// The code whose secret this is, whoever owns it.
    static func codeRecord(_ db: Database, secret: CodeSecret) throws -> CodeRecord? {
        try CodeRecord.filter(CodeRecord.Columns.secret == secret.canonical).fetchOne(db)
    }

    /// The account's copy of its annual-fee schedule (empty if billing never reported one).
    static func feeSchedule(_ db: Database, account accountID: String) throws -> FeeSchedule {
        let rows = try FeeTermRecord.filter(FeeTermRecord.Columns.accountID == accountID)
            .order(FeeTermRecord.Columns.startAt).fetchAll(db)
        do {
            return try FeeSchedule(terms: try rows.map { try $0.domainTerm() })
        } catch {
            throw StoredDataError("the fee terms of account \(accountID) break the schedule's rules: \(error)")
        }
    }

    /// Records joined with their fee schedules and expansions.
    static func assemble(_ db: Database, _ records: [CodeRecord]) throws -> [StoredCode] {
        guard !records.isEmpty else { return [] }
        var fees: [String: FeeSchedule] = [:]
        for account in Set(records.map(\.accountID)) { fees[account] = try feeSchedule(db, account: account) }
        let expansions = try ExpansionRecord.filter(records.map(\.codeID).contains(ExpansionRecord.Columns.codeID))
            .order(ExpansionRecord.Columns.paidAt, ExpansionRecord.Columns.ticketID).fetchAll(db)
        let byCode = Dictionary(grouping: expansions, by: \.codeID)
        return try records.map { record in
            StoredCode(
                record: record, code: try record.domainCode(), secret: try record.codeSecret(),
                fee: fees[record.accountID] ?? FeeSchedule(),
                expansions: (byCode[record.codeID] ?? []).filter { $0.accountID == record.accountID })
        }
    }
}
