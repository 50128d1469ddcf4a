import HuanjuDomain

/// What a purchase asked for, as stored with its order: what a retry is compared with.
enum PurchaseIntent: Sendable, Hashable {
    /// The base annual fee, first or renewal.
    case annualFee
    /// `quantity` codes of `kind`, each with `addOnGroupsPerCode` add-on groups.
    case codes(kind: CodeKind, quantity: Int, addOnGroupsPerCode: Int)
    /// Payment of one approved expansion ticket.
    case expansion(ticketID: String)

    /// A retry with the same idempotency key must repeat the original purchase exactly
    /// (RULES §3): the domain's rule, and for an expansion payment the same ticket.
    ///
    /// - Throws: `failedPrecondition` when `retry` is not the purchase `original` made.
    static func checkRetry(key: String, original: Order, retry: PurchaseIntent) throws(DomainError) {
        switch (original.intent, retry) {
        case (.expansion(let first), .expansion(let again)):
            guard first == again else {
                throw .failedPrecondition(
                    "idempotency key \"\(key)\" was already used to pay expansion ticket \(first); "
                        + "send the original request again, or use a new key for a new purchase")
            }
        case (_, .expansion):
            try PurchaseRequest.checkRetry(key: key, original: original.request, retry: .expansion(groups: 0))
        case (_, .annualFee):
            try PurchaseRequest.checkRetry(key: key, original: original.request, retry: .annualFee)
        case let (_, .codes(kind, quantity, groups)):
            try PurchaseRequest.checkRetry(
                key: key, original: original.request,
                retry: .codes(kind: kind, quantity: quantity, addOnGroupsPerCode: groups))
        }
    }
}
