/// A code's statuses over its life, as known now (RULES §5): from its issue on, the intervals
/// in which `ActivationCode.status(at:fee:)` gives each status, oldest first. Adjacent intervals
/// differ in status; the last is open-ended and LAPSED or EXPIRED, since a code either lapses at
/// its bind deadline or, once bound, expires at its validity end.
///
/// "As known now": the binding and fee schedule as they are held now. So the future shows as
/// the facts stand — an unbound code lapses at its deadline unless it is bound before, a term
/// ends unless renewed — and a term renewed while active shows with the end it has now.
///
/// Example (RULES §11, had the fee not been renewed): code A issued 2020-01-01 12:00, bound
/// 2020-02-01 12:00, fee term until 2020-12-31 12:00 → UNBOUND [issue, 2020-02-01 12:00),
/// ACTIVE [.., 2020-12-31 12:00), SUSPENDED [.., 2021-01-31 12:00), EXPIRED [2021-01-31 12:00, ∞).
public struct CodeTimeline: Sendable, Hashable {
    /// One stretch of the code's life in one status: every t with `from ≤ t < until`.
    public struct Interval: Sendable, Hashable {
        /// The status throughout.
        public let status: CodeStatus
        /// Where it starts (inclusive).
        public let from: Instant
        /// Where it ends (exclusive); nil when it never ends.
        public let until: Instant?

        /// An interval `[from, until)` in `status`.
        public init(status: CodeStatus, from: Instant, until: Instant?) {
            self.status = status
            self.from = from
            self.until = until
        }

        /// Whether `instant` lies inside.
        public func contains(_ instant: Instant) -> Bool {
            from <= instant && until.map { instant < $0 } ?? true
        }
    }

    /// The intervals, oldest first; the first starts at the code's issue.
    public let intervals: [Interval]

    /// The timeline of `code` under the account's fee schedule `fee`, as both are known now.
    ///
    /// `status(at:fee:)` compares the instant only with the code's issue, bind deadline, binding
    /// and validity end and the terms' starts and ends, so it is constant between two of those
    /// moments: the status at each moment holds until the next one.
    public init(code: ActivationCode, fee: FeeSchedule) {
        let moments = [code.issuedAt, code.bindDeadline] + [code.binding?.boundAt, code.validityEnd].compactMap { $0 }
            + fee.terms.flatMap { [$0.start, $0.end] }
        var intervals: [Interval] = []
        for moment in Set(moments.filter { $0 >= code.issuedAt }).sorted() {
            let status = code.status(at: moment, fee: fee)
            if let last = intervals.last {
                guard last.status != status else { continue }
                intervals[intervals.count - 1] = Interval(status: last.status, from: last.from, until: moment)
            }
            intervals.append(Interval(status: status, from: moment, until: nil))
        }
        self.intervals = intervals
    }

    /// The position of the interval holding `instant`; nil before the code was issued.
    public func index(at instant: Instant) -> Int? {
        intervals.firstIndex { $0.contains(instant) }
    }

    /// The code's status at `instant` by the timeline; nil before the code was issued.
    public func status(at instant: Instant) -> CodeStatus? {
        index(at: instant).map { intervals[$0].status }
    }
}
