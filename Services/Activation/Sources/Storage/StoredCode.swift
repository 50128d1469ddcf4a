import HuanjuDomain

/// A code as read from the store, with everything needed to judge it at an instant: the
/// rules' view of it, its secret, its account's fee schedule and its expansions.
struct StoredCode: Sendable, Equatable {
    let record: CodeRecord
    let code: ActivationCode
    let secret: CodeSecret
    /// The account's annual-fee terms, as billing last reported them.
    let fee: FeeSchedule
    /// Pending and applied expansions of the code, oldest payment first.
    let expansions: [ExpansionRecord]

    var codeID: String { record.codeID }
    var accountID: String { record.accountID }
    /// `HJ-…-XC`: the only form logs and refusals use.
    var masked: String { secret.masked }

    /// The code's status at `now`, under its account's fee schedule.
    func status(at now: Instant) -> CodeStatus { code.status(at: now, fee: fee) }
}
