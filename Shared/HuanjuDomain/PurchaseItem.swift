/// What an order line sells.
public enum PurchaseItem: String, Sendable, Hashable, Codable, CaseIterable {
    /// The base annual fee (基础年费).
    case annualFee = "ANNUAL_FEE"
    /// The Flagship code that comes free with every annual fee purchase or renewal.
    case giftFlagshipCode = "GIFT_FLAGSHIP_CODE"
    /// A Flagship code (旗舰版激活码).
    case flagshipCode = "FLAGSHIP_CODE"
    /// A Standard code (标准版激活码).
    case standardCode = "STANDARD_CODE"
    /// Concurrency add-on groups bought together with codes (并发数追加).
    case concurrencyAddOn = "CONCURRENCY_ADD_ON"
    /// Groups of 100 viewers added to an existing code (扩容).
    case expansion = "EXPANSION"

    /// The line item for a code of `kind`.
    public static func code(_ kind: CodeKind) -> PurchaseItem {
        switch kind {
        case .flagship: .flagshipCode
        case .standard: .standardCode
        }
    }
}
