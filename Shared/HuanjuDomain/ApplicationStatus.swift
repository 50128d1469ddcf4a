/// Where an application for the formal service stands (RULES §2).
public enum ApplicationStatus: Sendable, Hashable, Codable {
    /// Waiting for an operator's decision.
    case pending
    /// Approved: the account may buy.
    case approved
    /// Rejected, with the operator's reason; the account may apply again.
    case rejected(reason: String)

    /// `PENDING`, `APPROVED` or `REJECTED`.
    public var name: String {
        switch self {
        case .pending: "PENDING"
        case .approved: "APPROVED"
        case .rejected: "REJECTED"
        }
    }
}
