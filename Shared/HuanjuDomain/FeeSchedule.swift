/// An account's annual-fee terms, oldest first (RULES §4).
///
/// Terms never overlap; a gap between two terms is a lapse, during which nothing paid works.
/// A purchase at T while a term is active (T < E) extends that term to `addYears(E, 1)`; a
/// first purchase, or one after the last term ended, opens `[T, addYears(T, 1) − 1 day)`.
public struct FeeSchedule: Sendable, Hashable, Codable {
    /// The terms, ordered by start, not overlapping.
    public private(set) var terms: [FeeTerm]

    /// An account that never bought the annual fee.
    public init() {
        terms = []
    }

    /// Restores terms from storage.
    ///
    /// - Throws: `invalidArgument` if they are out of order or overlap.
    public init(terms: [FeeTerm]) throws(DomainError) {
        for (earlier, later) in zip(terms, terms.dropFirst()) where later.start < earlier.end {
            throw .invalidArgument(
                "fee terms must be ordered and must not overlap: a term starting \(later.start) "
                    + "begins before the previous one ends (\(earlier.end))")
        }
        self.terms = terms
    }

    /// The term active at `instant`, if any.
    public func activeTerm(at instant: Instant) -> FeeTerm? {
        terms.last(where: { $0.contains(instant) })
    }

    /// Whether the fee is active at `instant`.
    public func isActive(at instant: Instant) -> Bool {
        activeTerm(at: instant) != nil
    }

    /// The moment the fee stops being active, seen from `instant`: the end of the active term,
    /// carried through any term that starts exactly when the previous one ends. Nil if the fee
    /// is not active at `instant`.
    public func activeUntil(at instant: Instant) -> Instant? {
        guard let index = terms.lastIndex(where: { $0.contains(instant) }) else { return nil }
        var end = terms[index].end
        for term in terms[(index + 1)...] where term.start == end { end = term.end }
        return end
    }

    /// The end of the latest term that ended at or before `instant` (when the fee last lapsed).
    public func lastEnd(atOrBefore instant: Instant) -> Instant? {
        terms.last(where: { $0.end <= instant })?.end
    }

    /// The schedule after buying the annual fee at `now`, and what that purchase did.
    ///
    /// - Throws: `failedPrecondition` when `now` precedes the start of the latest term (a clock
    ///   that went backwards): terms must stay ordered.
    public func applyingPurchase(at now: Instant) throws(DomainError) -> FeePurchase {
        var next = self
        let kind: FeePurchase.Kind
        let previousEnd: Instant?
        if let last = terms.last {
            guard now >= last.start else {
                throw .failedPrecondition(
                    "an annual fee purchase at \(now) precedes the latest term, which starts \(last.start); "
                        + "check the clock")
            }
            if now < last.end {
                kind = .renewal
                previousEnd = last.end
                next.terms[next.terms.count - 1] = FeeTerm(unchecked: last.start, ChinaTime.addYears(1, to: last.end))
            } else {
                kind = .afterLapse
                previousEnd = last.end
                next.terms.append(.first(boughtAt: now))
            }
        } else {
            kind = .first
            previousEnd = nil
            next.terms.append(.first(boughtAt: now))
        }
        return FeePurchase(
            kind: kind, purchasedAt: now, previousEnd: previousEnd,
            term: next.terms[next.terms.count - 1], schedule: next,
            giftCode: ActivationCode(issuing: .flagship, at: now))
    }

    /// Buys the annual fee at `now`, updating the schedule; see `applyingPurchase(at:)`.
    @discardableResult
    public mutating func purchase(at now: Instant) throws(DomainError) -> FeePurchase {
        let result = try applyingPurchase(at: now)
        self = result.schedule
        return result
    }
}
