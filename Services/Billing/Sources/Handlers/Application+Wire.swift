import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Applications on the wire: `BillingV1.Application`, its status, and the status filter of
/// `ListApplications`.
extension BillingV1.Application {
    /// The application; its decision instant 0 while pending.
    init(_ application: Application) {
        self.init(
            status: BillingV1.ApplicationStatus(application.status), submittedAtMs: application.submittedAt.unixMilliseconds,
            decisionDueMs: application.decisionDue.unixMilliseconds, decidedAtMs: application.decidedAt?.unixMilliseconds ?? 0,
            rejectionReason: application.rejectionReason ?? "")
    }
}

extension BillingV1.ApplicationStatus {
    /// The wire status of a domain status.
    init(_ status: ApplicationStatus) {
        switch status {
        case .pending: self = .pending
        case .approved: self = .approved
        case .rejected: self = .rejected
        }
    }

    /// A listing's filter on `field`: nil for UNSPECIFIED ("any"), else the status's domain
    /// name (`ApplicationStatus.name`).
    ///
    /// - Throws: INVALID_ARGUMENT naming the number for one this build does not know.
    func filterName(field: String) throws -> String? {
        switch try recognized(field: field) {
        case .unspecified, .unrecognized: nil
        case .pending: ApplicationStatus.pending.name
        case .approved: ApplicationStatus.approved.name
        case .rejected: ApplicationStatus.rejected(reason: "").name
        }
    }
}
