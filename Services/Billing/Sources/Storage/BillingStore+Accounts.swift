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
        async throws -> (account: AccountRecord, replayed: Bool) {
        let name = try Self.requiredText(displayName, field: "display_name")
        let contact = try Self.requiredText(contact, field: "contact")
        let account = AccountRecord(id: Identifier.make("acc"), kind: kind, displayName: name, contact: contact, registeredAt: now)
        return try await database.write { db in
            if let key, let existing = try String.fetchOne(
                db, sql: "SELECT account_id FROM registration_key WHERE idempotency_key = ?", arguments: [key]) {
                let first = try Self.account(db, existing)
                guard first.kind == kind, first.displayName == name, first.contact == contact else {
                    throw DomainError.failedPrecondition(
                        "idempotency-key was used for another registration (other kind, name or contact); "
                            + "use a new key for a new account")
                }
                return (first, true)
            }
            try db.execute(sql: """
                INSERT INTO account (account_id, kind, display_name, contact, registered_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [account.id, kind.rawValue, name, contact, now.unixMilliseconds])
            if let key {
                try db.execute(sql: "INSERT INTO registration_key (idempotency_key, account_id) VALUES (?, ?)",
                               arguments: [key, account.id])
            }
            return (account, false)
        }
    }

    /// The account submits an application at `now` (ENTERPRISE only; not while one is
    /// pending or once approved; again after a rejection).
    func submitApplication(accountID: String, at now: Instant) async throws -> Application {
        try await database.write { db in
            let account = try Self.account(db, accountID)
            let application = try Application.submit(kind: account.kind, at: now, previous: try Self.latestApplication(db, accountID))
            try db.execute(sql: """
                INSERT INTO application (account_id, submitted_at, decision_due, status) VALUES (?, ?, ?, 'PENDING')
                """, arguments: [accountID, now.unixMilliseconds, application.decisionDue.unixMilliseconds])
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
    func decideApplication(accountID: String, _ decision: Decision, at now: Instant) async throws -> (AccountRecord, Application) {
        try await database.write { db in
            let account = try Self.account(db, accountID)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM application WHERE account_id = ? ORDER BY application_id DESC LIMIT 1
                """, arguments: [accountID]) else {
                throw DomainError.failedPrecondition(
                    "account \(accountID) has not applied for the formal service; there is nothing to decide")
            }
            var application = try Self.application(row)
            let applicationID: Int64 = row["application_id"]
            var reason: String?
            switch decision {
            case .approve:
                try application.approve(at: now)
            case .reject(let text):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                try application.reject(reason: trimmed, at: now)
                reason = trimmed
            }
            try db.execute(sql: """
                UPDATE application SET status = ?, decided_at = ?, rejection_reason = ? WHERE application_id = ?
                """, arguments: [application.status.name, now.unixMilliseconds, reason, applicationID])
            return (account, application)
        }
    }

    /// Each account's latest application, oldest submission first, optionally only those in `status`.
    func latestApplications(status: String?, page: PageRequest) async throws -> PageOf<(AccountRecord, Application)> {
        try await database.read { db in
            var conditions = ["a.application_id = (SELECT MAX(application_id) FROM application WHERE account_id = a.account_id)"]
            var arguments: [any DatabaseValueConvertible] = []
            if let status {
                conditions.append("a.status = ?")
                arguments += [status]
            }
            if let after = page.after {
                conditions.append("(a.submitted_at, a.account_id) > (?, ?)")
                arguments += [after.key, after.id]
            }
            arguments += [page.size + 1]
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.*, c.kind, c.display_name, c.contact, c.registered_at
                FROM application a JOIN account c ON c.account_id = a.account_id
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY a.submitted_at, a.account_id LIMIT ?
                """, arguments: StatementArguments(arguments))
            let fetched = try rows.map { row in (try AccountRecord(row: row), try Self.application(row)) }
            return PageOf(fetched: fetched, size: page.size) {
                PagePosition(key: $0.1.submittedAt.unixMilliseconds, id: $0.0.id)
            }
        }
    }

    /// Every account with its overview, oldest registration first.
    func accounts(page: PageRequest) async throws -> PageOf<AccountOverview> {
        try await database.read { db in
            var sql = "SELECT * FROM account"
            var arguments: [any DatabaseValueConvertible] = []
            if let after = page.after {
                sql += " WHERE (registered_at, account_id) > (?, ?)"
                arguments += [after.key, after.id]
            }
            sql += " ORDER BY registered_at, account_id LIMIT ?"
            arguments += [page.size + 1]
            let overviews = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                try Self.overview(db, try AccountRecord(row: row))
            }
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
