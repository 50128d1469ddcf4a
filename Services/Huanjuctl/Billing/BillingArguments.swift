import ArgumentParser
import HuanjuAPI

/// `--kind enterprise|individual`.
enum AccountKindOption: String, ExpressibleByArgument, CaseIterable {
    case enterprise, individual

    /// The value on the wire.
    var wireValue: BillingV1.AccountKind { self == .enterprise ? .enterprise : .individual }
}

/// `--kind flagship|standard`.
enum CodeKindOption: String, ExpressibleByArgument, CaseIterable {
    case flagship, standard

    /// The value on the wire.
    var wireValue: BillingV1.CodeKind { self == .flagship ? .flagship : .standard }
}

/// `--status pending|approved|rejected`.
enum ApplicationStatusOption: String, ExpressibleByArgument, CaseIterable {
    case pending, approved, rejected

    /// The value on the wire.
    var wireValue: BillingV1.ApplicationStatus {
        switch self {
        case .pending: .pending
        case .approved: .approved
        case .rejected: .rejected
        }
    }
}

/// `--state pending-review|approved|rejected|paid|applied`.
enum TicketStateOption: String, ExpressibleByArgument, CaseIterable {
    case pendingReview = "pending-review", approved, rejected, paid, applied

    /// The value on the wire.
    var wireValue: BillingV1.TicketState {
        switch self {
        case .pendingReview: .pendingReview
        case .approved: .approved
        case .rejected: .rejected
        case .paid: .paid
        case .applied: .applied
        }
    }
}
