import HuanjuDomain

/// An account with everything `GetAccount` shows.
struct AccountOverview: Sendable {
    let account: Account
    /// The latest application; nil when the account never applied.
    let application: Application?
    let fee: FeeSchedule
    let summary: OrdersSummary
}

/// An account's orders in numbers.
struct OrdersSummary: Sendable, Equatable {
    var orderCount: Int
    var totalSpent: Fen
    /// Orders whose messages to activation are not all acknowledged yet.
    var pendingFulfilment: Int
    /// nil when the account never ordered.
    var lastOrderAt: Instant?
}
