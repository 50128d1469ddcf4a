/// Where an expansion ticket stands (RULES §6):
/// PENDING_REVIEW → APPROVED | REJECTED(reason); APPROVED → PAID → APPLIED.
public enum ExpansionTicketState: Sendable, Hashable, Codable {
    /// Opened by the customer, waiting for an operator.
    case pendingReview
    /// Approved by an operator; the customer may pay.
    case approved
    /// Rejected by an operator, with a reason; final.
    case rejected(reason: String)
    /// Paid; waiting for an operator to apply it.
    case paid
    /// Applied: the code's capacity has grown; final.
    case applied

    /// `PENDING_REVIEW`, `APPROVED`, `REJECTED`, `PAID` or `APPLIED`.
    public var name: String {
        switch self {
        case .pendingReview: "PENDING_REVIEW"
        case .approved: "APPROVED"
        case .rejected: "REJECTED"
        case .paid: "PAID"
        case .applied: "APPLIED"
        }
    }
}
