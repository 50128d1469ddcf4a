/// List prices, in fen (RULES §3). Orders record the unit price on every line, so a later
/// change of catalog never rewrites history.
public struct Catalog: Sendable, Hashable, Codable {
    /// Base annual fee (基础年费): one term and one free Flagship code.
    public var annualFee: Fen
    /// One Flagship code (旗舰版激活码).
    public var flagshipCode: Fen
    /// One Standard code (标准版激活码).
    public var standardCode: Fen
    /// One concurrency add-on group (并发数追加) of `ConcurrencyAddOn.viewersPerGroup` viewers,
    /// bought with a code or as an expansion.
    public var addOnGroup: Fen

    /// A catalog with the given prices.
    public init(annualFee: Fen, flagshipCode: Fen, standardCode: Fen, addOnGroup: Fen) {
        self.annualFee = annualFee
        self.flagshipCode = flagshipCode
        self.standardCode = standardCode
        self.addOnGroup = addOnGroup
    }

    /// The published list: 140,000 / 65,000 / 9,000 CNY, and 10,000 CNY per group of 100 viewers.
    public static let list = Catalog(
        annualFee: 14_000_000, flagshipCode: 6_500_000, standardCode: 900_000, addOnGroup: 1_000_000)

    /// The unit price of one code of `kind`.
    public func price(of kind: CodeKind) -> Fen {
        switch kind {
        case .flagship: flagshipCode
        case .standard: standardCode
        }
    }
}
