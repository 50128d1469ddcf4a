import HuanjuDomain
import HuanjuWire

/// `huanju.billing.v1.Account`.
public struct AccountMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.Account"
    public var accountId: String
    public var kind: AccountKindMessage
    public var displayName: String
    public var contact: String
    public var registeredAtMs: Instant

    public init(accountId: String, kind: AccountKindMessage, displayName: String, contact: String, registeredAtMs: Instant) {
        self.accountId = accountId
        self.kind = kind
        self.displayName = displayName
        self.contact = contact
        self.registeredAtMs = registeredAtMs
    }
}

/// `huanju.billing.v1.Application`: an application for the formal service, with the
/// promised answer date (`decisionDueMs`, submission + 5 working days).
public struct ApplicationMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.Application"
    public var status: ApplicationStatusMessage
    public var submittedAtMs: Instant
    public var decisionDueMs: Instant
    /// Zero while pending.
    public var decidedAtMs: Instant
    /// REJECTED only.
    public var rejectionReason: String

    public init(status: ApplicationStatusMessage, submittedAtMs: Instant, decisionDueMs: Instant,
                decidedAtMs: Instant = Instant(unixMilliseconds: 0), rejectionReason: String = "") {
        self.status = status
        self.submittedAtMs = submittedAtMs
        self.decisionDueMs = decisionDueMs
        self.decidedAtMs = decidedAtMs
        self.rejectionReason = rejectionReason
    }

    /// The wire form of a domain application.
    public init(_ application: Application) {
        var reason = ""
        if case .rejected(let text) = application.status { reason = text }
        self.init(status: ApplicationStatusMessage(application.status), submittedAtMs: application.submittedAt,
                  decisionDueMs: application.decisionDue,
                  decidedAtMs: application.decidedAt ?? Instant(unixMilliseconds: 0), rejectionReason: reason)
    }
}

/// `huanju.billing.v1.FeeTerm`: one annual-fee term, end exclusive.
public struct BillingFeeTerm: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.FeeTerm"
    public var startMs: Instant
    public var endMs: Instant

    public init(startMs: Instant, endMs: Instant) {
        self.startMs = startMs
        self.endMs = endMs
    }
}

/// `huanju.billing.v1.FeeStatus`: the annual fee as seen at the answer's instant.
public struct FeeStatusMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.FeeStatus"
    public var active: Bool
    /// Zero when not active.
    public var activeUntilMs: Instant
    /// When the fee last lapsed, if it is not active now; else zero.
    public var lastEndedMs: Instant
    public var terms: [BillingFeeTerm]

    public init(active: Bool, activeUntilMs: Instant, lastEndedMs: Instant, terms: [BillingFeeTerm]) {
        self.active = active
        self.activeUntilMs = activeUntilMs
        self.lastEndedMs = lastEndedMs
        self.terms = terms
    }

    /// The status of `schedule` at `now`.
    public init(_ schedule: FeeSchedule, at now: Instant) {
        let zero = Instant(unixMilliseconds: 0)
        let until = schedule.activeUntil(at: now)
        self.init(
            active: until != nil, activeUntilMs: until ?? zero,
            lastEndedMs: until == nil ? (schedule.lastEnd(atOrBefore: now) ?? zero) : zero,
            terms: schedule.terms.map { BillingFeeTerm(startMs: $0.start, endMs: $0.end) })
    }
}

/// `huanju.billing.v1.OrdersSummary`.
public struct OrdersSummaryMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.OrdersSummary"
    public var orderCount: UInt32
    public var totalSpentFen: Int64
    public var pendingFulfilment: UInt32
    /// Zero when there is none.
    public var lastOrderAtMs: Instant

    public init(orderCount: UInt32, totalSpentFen: Int64, pendingFulfilment: UInt32, lastOrderAtMs: Instant) {
        self.orderCount = orderCount
        self.totalSpentFen = totalSpentFen
        self.pendingFulfilment = pendingFulfilment
        self.lastOrderAtMs = lastOrderAtMs
    }
}

/// `huanju.billing.v1.AccountDetails`: what `GetAccount` shows.
public struct AccountDetails: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.AccountDetails"
    public var account: AccountMessage?
    /// The latest application; nil when the account never applied.
    public var application: ApplicationMessage?
    public var fee: FeeStatusMessage?
    public var orders: OrdersSummaryMessage?
    /// The service's now when it answered.
    public var asOfMs: Instant

    public init(account: AccountMessage?, application: ApplicationMessage?, fee: FeeStatusMessage?,
                orders: OrdersSummaryMessage?, asOfMs: Instant) {
        self.account = account
        self.application = application
        self.fee = fee
        self.orders = orders
        self.asOfMs = asOfMs
    }
}

/// `huanju.billing.v1.AccountApplication`: an account with its latest application.
public struct AccountApplication: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.AccountApplication"
    public var account: AccountMessage?
    public var application: ApplicationMessage?

    public init(account: AccountMessage?, application: ApplicationMessage?) {
        self.account = account
        self.application = application
    }
}

/// `huanju.billing.v1.RegisterAccountRequest`.
public struct RegisterAccountRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.RegisterAccountRequest"
    public var kind: AccountKindMessage
    public var displayName: String
    public var contact: String

    public init(kind: AccountKindMessage, displayName: String, contact: String) {
        self.kind = kind
        self.displayName = displayName
        self.contact = contact
    }
}

/// `huanju.billing.v1.RegisterAccountResponse`.
public struct RegisterAccountResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.RegisterAccountResponse"
    public var account: AccountMessage?
    /// True for a retry with the same idempotency key: no new account was registered.
    public var replayed: Bool

    public init(account: AccountMessage?, replayed: Bool = false) {
        self.account = account
        self.replayed = replayed
    }
}

/// `huanju.billing.v1.ApplyForFormalServiceRequest`.
public struct ApplyForFormalServiceRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ApplyForFormalServiceRequest"
    public init() {}
}

/// `huanju.billing.v1.ApplyForFormalServiceResponse`.
public struct ApplyForFormalServiceResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ApplyForFormalServiceResponse"
    public var application: ApplicationMessage?

    public init(application: ApplicationMessage?) {
        self.application = application
    }
}

/// `huanju.billing.v1.GetAccountRequest`.
public struct GetAccountRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.GetAccountRequest"
    public init() {}
}

/// `huanju.billing.v1.ListApplicationsRequest`: each account's latest application.
public struct ListApplicationsRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListApplicationsRequest"
    /// UNSPECIFIED: any.
    public var status: ApplicationStatusMessage
    public var pageSize: UInt32
    public var pageToken: String

    public init(status: ApplicationStatusMessage = .unspecified, pageSize: UInt32 = 0, pageToken: String = "") {
        self.status = status
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.billing.v1.ListApplicationsResponse`.
public struct ListApplicationsResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListApplicationsResponse"
    public var applications: [AccountApplication]
    public var nextPageToken: String

    public init(applications: [AccountApplication], nextPageToken: String) {
        self.applications = applications
        self.nextPageToken = nextPageToken
    }
}

/// `huanju.billing.v1.ApproveApplicationRequest`.
public struct ApproveApplicationRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ApproveApplicationRequest"
    public var accountId: String

    public init(accountId: String) {
        self.accountId = accountId
    }
}

/// `huanju.billing.v1.RejectApplicationRequest`.
public struct RejectApplicationRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.RejectApplicationRequest"
    public var accountId: String
    public var reason: String

    public init(accountId: String, reason: String) {
        self.accountId = accountId
        self.reason = reason
    }
}

/// `huanju.billing.v1.ListAccountsRequest`.
public struct ListAccountsRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListAccountsRequest"
    public var pageSize: UInt32
    public var pageToken: String

    public init(pageSize: UInt32 = 0, pageToken: String = "") {
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.billing.v1.ListAccountsResponse`.
public struct ListAccountsResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.billing.v1.ListAccountsResponse"
    public var accounts: [AccountDetails]
    public var nextPageToken: String

    public init(accounts: [AccountDetails], nextPageToken: String) {
        self.accounts = accounts
        self.nextPageToken = nextPageToken
    }
}
