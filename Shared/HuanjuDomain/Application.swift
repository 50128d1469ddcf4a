/// An account's application for the formal (paid) service, RULES §2.
///
/// Only an ENTERPRISE may apply. It is PENDING until an operator approves or rejects it; the
/// answer is promised by `decisionDue`, five working days after submission. A rejected account
/// may apply again (a new `Application`); a pending or approved one may not.
public struct Application: Sendable, Hashable, Codable {
    /// Working days promised for a decision.
    public static let decisionWorkingDays = 5

    /// When the application was submitted.
    public let submittedAt: Instant
    /// `submittedAt` + 5 working days, shown to the customer.
    public let decisionDue: Instant
    /// Pending, approved or rejected.
    public private(set) var status: ApplicationStatus
    /// When an operator decided, if one has.
    public private(set) var decidedAt: Instant?

    /// Restores an application from storage.
    public init(submittedAt: Instant, status: ApplicationStatus, decidedAt: Instant?) {
        self.submittedAt = submittedAt
        self.decisionDue = WorkingDays.adding(Self.decisionWorkingDays, to: submittedAt)
        self.status = status
        self.decidedAt = decidedAt
    }

    /// Submits an application at `now`.
    ///
    /// - Parameter previous: the account's latest application, if any.
    /// - Throws: `failedPrecondition` for an INDIVIDUAL account, or when a previous application
    ///   is still pending or already approved.
    public static func submit(kind: AccountKind, at now: Instant, previous: Application?) throws(DomainError) -> Application {
        guard kind == .enterprise else {
            throw .failedPrecondition(
                "only ENTERPRISE accounts may apply for the formal service; this account is INDIVIDUAL: "
                    + "register an enterprise account to apply, or use the free trial")
        }
        if let previous {
            switch previous.status {
            case .pending:
                throw .failedPrecondition(
                    "an application submitted \(previous.submittedAt) is still pending; "
                        + "a decision is due by \(previous.decisionDue)")
            case .approved:
                throw .failedPrecondition(
                    "this account is already approved for the formal service; no new application is needed")
            case .rejected:
                break
            }
        }
        return Application(submittedAt: now, status: .pending, decidedAt: nil)
    }

    /// An operator approves the application at `now`.
    ///
    /// - Throws: `failedPrecondition` unless it is pending.
    public mutating func approve(at now: Instant) throws(DomainError) {
        try requirePending(toDo: "approve")
        status = .approved
        decidedAt = now
    }

    /// An operator rejects the application at `now`, giving a reason the customer will read.
    ///
    /// - Throws: `invalidArgument` for an empty reason; `failedPrecondition` unless it is pending.
    public mutating func reject(reason: String, at now: Instant) throws(DomainError) {
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw .invalidArgument("a rejection needs a reason the customer can act on")
        }
        try requirePending(toDo: "reject")
        status = .rejected(reason: reason)
        decidedAt = now
    }

    private func requirePending(toDo action: String) throws(DomainError) {
        guard status == .pending else {
            throw .failedPrecondition(
                "cannot \(action) an application that is \(status.name); only a PENDING application can be decided")
        }
    }
}
