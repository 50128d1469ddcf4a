/// Who may buy (RULES §2–§5): an APPROVED ENTERPRISE account, and for everything but the
/// annual fee itself, only while its annual fee is active.
public enum PurchaseEligibility {
    /// Checks that an account may buy anything at all.
    ///
    /// - Parameter application: the account's latest application, if any.
    /// - Throws: `failedPrecondition` saying what the account must do first.
    public static func check(kind: AccountKind, application: Application?) throws(DomainError) {
        guard kind == .enterprise else {
            throw .failedPrecondition(
                "only an approved ENTERPRISE account may buy; this account is INDIVIDUAL: register an enterprise account")
        }
        guard let application else {
            throw .failedPrecondition("this account has not applied for the formal service; apply and wait for approval before buying")
        }
        switch application.status {
        case .approved:
            return
        case .pending:
            throw .failedPrecondition(
                "the application submitted \(application.submittedAt) is still pending; "
                    + "buying is possible once it is approved (decision due by \(application.decisionDue))")
        case .rejected(let reason):
            throw .failedPrecondition(
                "the application was rejected (\(reason)); apply again and wait for approval before buying")
        }
    }

    /// Checks that the annual fee is active at `now` before doing something that needs it
    /// (buying codes, binding, paying for an expansion).
    ///
    /// - Parameter action: what the caller tried, e.g. `"buy activation codes"`.
    /// - Throws: `failedPrecondition` naming when the fee ended, and to renew it.
    public static func requireActiveFee(_ fee: FeeSchedule, at now: Instant, toDo action: String) throws(DomainError) {
        guard !fee.isActive(at: now) else { return }
        if let ended = fee.lastEnd(atOrBefore: now) {
            throw .failedPrecondition(
                "cannot \(action): the annual fee is not active at \(now) (it ended \(ended)); renew the annual fee first")
        }
        throw .failedPrecondition("cannot \(action): no annual fee is active at \(now); buy the annual fee first")
    }
}
