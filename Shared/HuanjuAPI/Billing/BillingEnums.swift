import HuanjuDomain
import HuanjuWire

/// `huanju.billing.v1.AccountKind`.
public enum AccountKindMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case enterprise = 1
    case individual = 2

    public init(_ kind: AccountKind) {
        switch kind {
        case .enterprise: self = .enterprise
        case .individual: self = .individual
        }
    }

    /// The domain kind, or INVALID_ARGUMENT for UNSPECIFIED.
    public func domainKind() throws -> AccountKind {
        switch self {
        case .enterprise: return .enterprise
        case .individual: return .individual
        case .unspecified:
            throw RPCError(.invalidArgument, "kind is required: ACCOUNT_KIND_ENTERPRISE or ACCOUNT_KIND_INDIVIDUAL")
        }
    }
}

/// `huanju.billing.v1.ApplicationStatus`. UNSPECIFIED: no application, or "any" in a filter.
public enum ApplicationStatusMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case pending = 1
    case approved = 2
    case rejected = 3

    public init(_ status: ApplicationStatus) {
        switch status {
        case .pending: self = .pending
        case .approved: self = .approved
        case .rejected: self = .rejected
        }
    }

    /// `PENDING`, `APPROVED`, `REJECTED`, or `NONE` for UNSPECIFIED.
    public var name: String {
        switch self {
        case .unspecified: "NONE"
        case .pending: "PENDING"
        case .approved: "APPROVED"
        case .rejected: "REJECTED"
        }
    }
}

/// `huanju.billing.v1.CodeKind`: numbered as `huanju.activation.v1.CodeKind`.
public enum BillingCodeKind: Int32, Codable, Sendable {
    case unspecified = 0
    case flagship = 1
    case standard = 2

    public init(_ kind: CodeKind) {
        switch kind {
        case .flagship: self = .flagship
        case .standard: self = .standard
        }
    }

    /// The domain kind, or INVALID_ARGUMENT for UNSPECIFIED.
    public func domainKind() throws -> CodeKind {
        switch self {
        case .flagship: return .flagship
        case .standard: return .standard
        case .unspecified: throw RPCError(.invalidArgument, "kind is required: CODE_KIND_FLAGSHIP or CODE_KIND_STANDARD")
        }
    }
}

/// `huanju.billing.v1.OrderKind`.
public enum OrderKindMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case annualFee = 1
    case codes = 2
    case expansion = 3

    /// `ANNUAL_FEE`, `CODES`, `EXPANSION`.
    public var name: String {
        switch self {
        case .unspecified: "UNSPECIFIED"
        case .annualFee: "ANNUAL_FEE"
        case .codes: "CODES"
        case .expansion: "EXPANSION"
        }
    }
}

/// `huanju.billing.v1.LineItem`.
public enum LineItemMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case annualFee = 1
    case giftFlagshipCode = 2
    case flagshipCode = 3
    case standardCode = 4
    case concurrencyAddOn = 5
    case expansion = 6

    public init(_ item: PurchaseItem) {
        switch item {
        case .annualFee: self = .annualFee
        case .giftFlagshipCode: self = .giftFlagshipCode
        case .flagshipCode: self = .flagshipCode
        case .standardCode: self = .standardCode
        case .concurrencyAddOn: self = .concurrencyAddOn
        case .expansion: self = .expansion
        }
    }

    /// The domain item, nil for UNSPECIFIED.
    public var domainItem: PurchaseItem? {
        switch self {
        case .unspecified: nil
        case .annualFee: .annualFee
        case .giftFlagshipCode: .giftFlagshipCode
        case .flagshipCode: .flagshipCode
        case .standardCode: .standardCode
        case .concurrencyAddOn: .concurrencyAddOn
        case .expansion: .expansion
        }
    }
}

/// `huanju.billing.v1.Fulfilment`.
public enum FulfilmentMessage: Int32, Codable, Sendable {
    case unspecified = 0
    /// Paid; its messages to activation are not all delivered yet.
    case pending = 1
    /// Activation acknowledged every message of the order.
    case fulfilled = 2

    /// `PENDING` or `FULFILLED`.
    public var name: String {
        switch self {
        case .unspecified: "UNSPECIFIED"
        case .pending: "PENDING"
        case .fulfilled: "FULFILLED"
        }
    }
}

/// `huanju.billing.v1.TicketState`. UNSPECIFIED is "any" in a filter.
public enum TicketStateMessage: Int32, Codable, Sendable, CaseIterable {
    case unspecified = 0
    case pendingReview = 1
    case approved = 2
    case rejected = 3
    case paid = 4
    case applied = 5

    public init(_ state: ExpansionTicketState) {
        switch state {
        case .pendingReview: self = .pendingReview
        case .approved: self = .approved
        case .rejected: self = .rejected
        case .paid: self = .paid
        case .applied: self = .applied
        }
    }

    /// `PENDING_REVIEW`, `APPROVED`, `REJECTED`, `PAID`, `APPLIED`.
    public var name: String {
        switch self {
        case .unspecified: "UNSPECIFIED"
        case .pendingReview: "PENDING_REVIEW"
        case .approved: "APPROVED"
        case .rejected: "REJECTED"
        case .paid: "PAID"
        case .applied: "APPLIED"
        }
    }
}
