import ArgumentParser
import HuanjuAPI

/// `--kind enterprise|individual`.
enum AccountKindOption: String, ExpressibleByArgument, CaseIterable {
    case enterprise, individual

    var message: AccountKindMessage { self == .enterprise ? .enterprise : .individual }
}

/// `--kind flagship|standard`.
enum CodeKindOption: String, ExpressibleByArgument, CaseIterable {
    case flagship, standard

    var message: BillingCodeKind { self == .flagship ? .flagship : .standard }
}

/// `--status pending|approved|rejected`.
enum ApplicationStatusOption: String, ExpressibleByArgument, CaseIterable {
    case pending, approved, rejected

    var message: ApplicationStatusMessage {
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

    var message: TicketStateMessage {
        switch self {
        case .pendingReview: .pendingReview
        case .approved: .approved
        case .rejected: .rejected
        case .paid: .paid
        case .applied: .applied
        }
    }
}
