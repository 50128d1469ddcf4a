/// One term of the base annual fee: active for every t with `start ≤ t < end` (RULES §4).
public struct FeeTerm: Sendable, Hashable, Codable {
    /// When the term began (inclusive).
    public let start: Instant
    /// When the term ends (exclusive): the fee is no longer active at `end`.
    public let end: Instant

    /// A term `[start, end)`.
    ///
    /// - Throws: `invalidArgument` unless `start < end`.
    public init(start: Instant, end: Instant) throws(DomainError) {
        guard start < end else {
            throw .invalidArgument("a fee term must end after it starts (start \(start), end \(end))")
        }
        self.start = start
        self.end = end
    }

    /// The first term bought at `purchase`: `[T, addYears(T, 1) − 1 day)`.
    static func first(boughtAt purchase: Instant) -> FeeTerm {
        FeeTerm(unchecked: purchase, ChinaTime.minusOneDay(ChinaTime.addYears(1, to: purchase)))
    }

    init(unchecked start: Instant, _ end: Instant) {
        self.start = start
        self.end = end
    }

    /// Whether the fee is active at `instant` by this term.
    public func contains(_ instant: Instant) -> Bool { start <= instant && instant < end }
}
