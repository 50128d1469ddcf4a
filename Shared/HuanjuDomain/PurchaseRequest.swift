/// What a customer asks to buy (RULES §3–§6). `Hashable`, so that a retry with the same
/// idempotency key can be compared with the original request.
public enum PurchaseRequest: Sendable, Hashable, Codable {
    /// The base annual fee: a first purchase or a renewal.
    case annualFee
    /// `quantity` codes of one kind, each with `addOnGroupsPerCode` add-on groups (k ≥ 0).
    case codes(kind: CodeKind, quantity: Int, addOnGroupsPerCode: Int)
    /// Payment for an approved expansion ticket of `groups` groups.
    case expansion(groups: Int)

    /// Prices the request at `catalog`.
    ///
    /// - Throws: `invalidArgument` for quantities outside `OrderLimits`.
    public func quote(_ catalog: Catalog = .list) throws(DomainError) -> OrderQuote {
        switch self {
        case .annualFee:
            try OrderQuote.annualFee(catalog: catalog)
        case let .codes(kind, quantity, groups):
            try OrderQuote.codes(kind: kind, quantity: quantity, addOnGroupsPerCode: groups, catalog: catalog)
        case let .expansion(groups):
            try OrderQuote.expansion(groups: groups, catalog: catalog)
        }
    }

    /// A retry with the same idempotency key must repeat the original request exactly (RULES §3).
    ///
    /// - Throws: `failedPrecondition` when `retry` differs from `original`.
    public static func checkRetry(key: String, original: PurchaseRequest, retry: PurchaseRequest) throws(DomainError) {
        guard original == retry else {
            throw .failedPrecondition(
                "idempotency key \"\(key)\" was already used for a different purchase; "
                    + "send the original request again, or use a new key for a new purchase")
        }
    }
}
