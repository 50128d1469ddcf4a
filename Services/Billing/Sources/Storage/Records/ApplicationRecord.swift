import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A row of `applications`: one application of an account for the formal service; the one
/// with the highest `application_id` is the account's latest.
struct ApplicationRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "applications"
    /// Exactly the table's columns, from `CodingKeys` (what `\(columnsOf:)` selects).
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    /// nil until inserted (SQLite assigns it, in submission order).
    var applicationID: Int64?
    var accountID: String
    /// Unix milliseconds.
    var submittedAt: Int64
    /// Unix milliseconds: the promised decision (submission + 5 working days).
    var decisionDueAt: Int64
    /// `ApplicationStatus.name`: `PENDING`, `APPROVED` or `REJECTED`.
    var status: String
    /// Unix milliseconds; nil while pending.
    var decidedAt: Int64?
    /// REJECTED only.
    var rejectionReason: String?

    /// The table's columns, for queries too (`OrderRecord.Columns.placedAt`).
    typealias Columns = CodingKeys

    /// The table's columns: the record's coding keys, usable as GRDB column expressions.
    enum CodingKeys: String, CodingKey, CaseIterable, ColumnExpression {
        case applicationID = "application_id"
        case accountID = "account_id"
        case submittedAt = "submitted_at"
        case decisionDueAt = "decision_due_at"
        case status
        case decidedAt = "decided_at"
        case rejectionReason = "rejection_reason"
    }
}

extension ApplicationRecord {
    /// A new row for `application` of account `accountID` (its id assigned on insert).
    init(_ application: Application, accountID: String) {
        self.init(
            applicationID: nil, accountID: accountID, submittedAt: application.submittedAt.unixMilliseconds,
            decisionDueAt: application.decisionDue.unixMilliseconds, status: application.status.name,
            decidedAt: application.decidedAt?.unixMilliseconds, rejectionReason: application.rejectionReason)
    }

    /// The application the row holds.
    func application() throws -> Application {
        let state: ApplicationStatus
        switch status {
        case "PENDING": state = .pending
        case "APPROVED": state = .approved
        case "REJECTED": state = .rejected(reason: rejectionReason ?? "")
        default: throw StoredDataError.unexpected(status, in: "applications.status")
        }
        return Application(submittedAt: Instant(unixMilliseconds: submittedAt), status: state,
                           decidedAt: decidedAt.map(Instant.init(unixMilliseconds:)))
    }

    /// The row after `application` (the same one, now decided) replaced its status.
    func updated(to application: Application) -> ApplicationRecord {
        var record = self
        record.status = application.status.name
        record.decidedAt = application.decidedAt?.unixMilliseconds
        record.rejectionReason = application.rejectionReason
        return record
    }
}
