import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Accounts on the wire: `BillingV1.Account`, its kind, and `BillingV1.AccountDetails` (what
/// `GetAccount` and `ListAccounts` show).
extension BillingV1.Account {
    /// The account as registered.
    init(_ account: Account) {
        self.init(accountID: account.id, kind: BillingV1.AccountKind(account.kind), displayName: account.displayName,
                  contact: account.contact, registeredAtMs: account.registeredAt.unixMilliseconds)
    }
}

extension BillingV1.AccountKind {
    /// The wire kind of a domain kind.
    init(_ kind: AccountKind) {
        switch kind {
        case .enterprise: self = .enterprise
        case .individual: self = .individual
        }
    }

    /// The domain kind a request's `field` asks for.
    ///
    /// - Throws: INVALID_ARGUMENT naming the number for one this build does not know, or
    ///   saying the kind is required for UNSPECIFIED.
    func domainKind(field: String) throws -> AccountKind {
        switch try recognized(field: field) {
        case .enterprise: return .enterprise
        case .individual: return .individual
        case .unspecified, .unrecognized:
            throw RPCError(.invalidArgument, "\(field) is required: ACCOUNT_KIND_ENTERPRISE or ACCOUNT_KIND_INDIVIDUAL")
        }
    }
}

extension BillingV1.AccountDetails {
    /// The account as seen at `now`: its fee is active or not at `now`.
    init(_ overview: AccountOverview, at now: Instant) {
        self.init(
            account: BillingV1.Account(overview.account), application: overview.application.map(BillingV1.Application.init),
            fee: BillingV1.FeeStatus(overview.fee, at: now), orders: BillingV1.OrdersSummary(overview.summary),
            asOfMs: now.unixMilliseconds)
    }
}

extension BillingV1.OrdersSummary {
    /// The numbers; the last order instant 0 when there is none.
    init(_ summary: OrdersSummary) {
        self.init(
            orderCount: UInt32(clamping: summary.orderCount), totalSpentFen: summary.totalSpent.rawValue,
            pendingFulfilment: UInt32(clamping: summary.pendingFulfilment),
            lastOrderAtMs: summary.lastOrderAt?.unixMilliseconds ?? 0)
    }
}

extension BillingV1.AccountApplication {
    /// An account with its latest application (`ListApplications`, approving, rejecting).
    init(_ account: Account, _ application: Application) {
        self.init(account: BillingV1.Account(account), application: BillingV1.Application(application))
    }
}
