import HuanjuDomain

/// An event activation reports to billing (`huanju.billing.v1.ActivationEvent`), checked:
/// ids present, groups in range, a change this billing knows.
struct ActivationReport: Sendable, Equatable {
    /// What activation did.
    enum Change: Sendable, Equatable {
        /// A paid expansion was applied: its ticket becomes APPLIED.
        case expansionApplied(ticketID: String, codeID: String, groups: Int, appliedAt: Instant)
    }

    /// Activation's event id: billing applies each once (its inbox claims it).
    let eventID: String
    let accountID: String
    let change: Change
}
