import Foundation
import GRDB
import HuanjuDomain
import HuanjuRuntime

/// Accounts and their applications for the formal service (RULES §2).
extension BillingStore {
    /// Registers a new account at `now`; with an idempotency `key`, a retry of the same
    /// request answers the account registered first (`replayed`).
    ///
    /// - Throws: `invalidArgument` for an empty display name or contact;
    ///   `failedPrecondition` when `key` registered an account with other details.
    func registerAccount(kind: AccountKind, displayName: String, contact: String, key: String?, at now: Instant)
        async throws -> (account: Account, replayed: Bool) {
        let name = try Self.requiredText(displayName, field: "display_name")
        let contact = try Self.requiredText(contact, field: "contact")
        let account = Account(id: Identifier.make("acc"), kind: kind, displayName: name, contact: contact, registeredAt: now)
        return try await database.write { db in
            if let key, let existing = try RegistrationKeyRecord
                .filter(RegistrationKeyRecord.Columns.idempotencyKey == key).fetchOne(db) {
                let first = try Self.account(db, existing.accountID)
                guard first.kind == kind, first.displayName == name, first.contact == contact else {
                    throw DomainError.failedPrecondition(
                        "idempotency-key was used for another registration (other kind, name or contact); "
                            + "use a new key for a new account")
                }
                return (first, true)
            }
            try AccountRecord(account).insert(db)
            if let key {
                try RegistrationKeyRecord(idempotencyKey: key, accountID: account.id).insert(db)
            }
            return (account, false)
        }
    }

    /// The account submits an application at `now` (ENTERPRISE only; not while one is
    /// pending or once approved; again after a rejection).
    func submitApplication(accountID: String, at now: Instant) async throws -> Application {
        try await database.write { db in
            let account = try Self.account(db, accountID)
            let application = try Application.submit(
                kind: account.kind, at: now, previous: try Self.latestApplication(db, accountID)?.application())
            try ApplicationRecord(application, accountID: accountID).insert(db)
            return application
        }
    }

    /// The account with its latest application, fee terms and orders summary.
    func accountOverview(accountID: String) async throws -> AccountOverview {
        try await database.read { db in try Self.overview(db, try Self.account(db, accountID)) }
    }

    /// What an operator decides about a pending application.
    enum Decision: Sendable {
        case approve
        case reject(reason: String)
    }

    /// An operator approves or rejects the account's pending application at `now`.
    ///
    /// - Throws: `notFound` for an unknown account; `failedPrecondition` when it has no
    ///   pending application; `invalidArgument` for a rejection without a reason.
    func decideApplication(accountID: String, _ decision: Decision, at now: Instant) async throws -> (Account, Application) {
        try await database.write { db in
            let account = try Self.account(db, accountID)
            guard let record = try Self.latestApplication(db, accountID) else {
                throw DomainError.failedPrecondition(
                    "account \(accountID) has not applied for the formal service; there is nothing to decide")
            }
            var application = try record.application()
            switch decision {
            case .approve:
                try application.approve(at: now)
            case .reject(let text):
                try application.reject(reason: text.trimmingCharacters(in: .whitespacesAndNewlines), at: now)
            }
            try record.updated(to: application).update(db)
            var reason = ""
            if case .rejected(let given) = application.status { reason = given }
            try Self.enqueue(db, BillingChange(
                eventID: "\(accountID)/application-\(record.applicationID ?? 0)/decided", accountID: accountID,
                occurredAt: now,
                kind: .applicationDecided(
                    approved: application.status == .approved, reason: reason, submittedAt: application.submittedAt)))
            return (account, application)
        }
    }

    /// Each account's latest application, oldest submission first, optionally only those
    /// whose status is named `status` (`ApplicationStatus.name`).
    ///
    /// - Throws: `invalidArgument` for a page token naming no row of this listing.
    func latestApplications(status: String?, page: PageRequest) async throws -> PageOf<(Account, Application)> {
        try await database.read { db in
            let latest: SQL = "a.application_id = (SELECT MAX(application_id) FROM applications WHERE account_id = a.account_id)"
            var conditions: [SQL] = [latest]
            if let status { conditions.append("a.status = \(status)") }
            if let after = page.after {
                let named = conditions + ["a.account_id = \(after.id)", "a.submitted_at = \(after.key)"]
                try Self.checkToken(page, names: ApplicationRecord.all().aliased(TableAlias(name: "a"))
                    .filter(literal: named.joined(separator: " AND ")), db)
                conditions.append("(a.submitted_at, a.account_id) > (\(after.key), \(after.id))")
            }
            let adapters = splittingRowAdapters(columnCounts: [
                ApplicationRecord.Columns.allCases.count, AccountRecord.Columns.allCases.count,
            ])
            let request = SQLRequest<Row>(literal: """
                SELECT \(columnsOf: ApplicationRecord.self, tableAlias: "a"), \(columnsOf: AccountRecord.self, tableAlias: "c")
                FROM applications a JOIN accounts c ON c.account_id = a.account_id
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY a.submitted_at, a.account_id LIMIT \(page.size + 1)
                """, adapter: ScopeAdapter(["application": adapters[0], "account": adapters[1]]))
            let fetched = try Row.fetchAll(db, request).map { row in
                guard let application = row.scopes["application"], let account = row.scopes["account"] else {
                    throw StoredDataError("an application row came without its account")
                }
                return (try AccountRecord(row: account).account(), try ApplicationRecord(row: application).application())
            }
            return PageOf(fetched: fetched, size: page.size) {
                PagePosition(key: $0.1.submittedAt.unixMilliseconds, id: $0.0.id)
            }
        }
    }

    /// Every account with its overview, oldest registration first.
    ///
    /// - Throws: `invalidArgument` for a page token naming no account.
    func accounts(page: PageRequest) async throws -> PageOf<AccountOverview> {
        try await database.read { db in
            typealias Columns = AccountRecord.Columns
            var request = AccountRecord.all()
            if let after = page.after {
                try Self.checkToken(page, names: request.filter(
                    Columns.accountID == after.id && Columns.registeredAt == after.key), db)
                request = request.filter(literal: "(registered_at, account_id) > (\(after.key), \(after.id))")
            }
            let overviews = try request.order(Columns.registeredAt, Columns.accountID).limit(page.size + 1)
                .fetchAll(db).map { try Self.overview(db, try $0.account()) }
            return PageOf(fetched: overviews, size: page.size) {
                PagePosition(key: $0.account.registeredAt.unixMilliseconds, id: $0.account.id)
            }
        }
    }

    /// `text` trimmed of surrounding spaces, or `invalidArgument` naming the field when nothing
    /// is left. (Its size and characters were checked on the wire: proto/billing.proto.)
    static func requiredText(_ text: String, field: String) throws(DomainError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidArgument("\(field) is required") }
        return trimmed
    }
}
