import HuanjuDomain

/// A registered account.
struct Account: Sendable, Equatable {
    /// `acc_` + 16 symbols.
    let id: String
    let kind: AccountKind
    /// Trimmed; never empty.
    let displayName: String
    /// Trimmed; never empty.
    let contact: String
    let registeredAt: Instant
}
