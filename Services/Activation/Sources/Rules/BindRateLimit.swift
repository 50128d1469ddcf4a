import HuanjuDomain

/// How many wrong codes one caller may try to bind before binding pauses for it, so that
/// codes cannot be guessed (SERVICES.md: activation).
///
/// The caller is the account id of the call. A wrong code is one that does not parse
/// (malformed, or a typo caught by the check symbol) or that the caller does not own
/// (unknown, or another account's: the same answer). A code the caller owns never counts,
/// even when the bind is refused for another reason (lapsed, bound to another pair, fee not
/// active), and neither does a call refused while paused.
///
/// Sliding window on the business clock: a wrong code at t counts while now < t + window.
/// With `maxWrongCodes` of them counting, every bind by the caller — right code or wrong —
/// is RESOURCE_EXHAUSTED until the oldest one that keeps the count at the limit leaves the
/// window; the refusal names that instant. The counts live in the database, so a restart
/// does not reset them.
public struct BindRateLimit: Sendable, Hashable {
    /// Wrong codes allowed within one window: 5.
    public var maxWrongCodes: Int
    /// The window: 10 minutes.
    public var window: TimeSpan

    /// The service's policy: 5 wrong codes per 10 minutes.
    public static let standard = BindRateLimit(maxWrongCodes: 5, window: .minutes(10))

    /// A policy of `maxWrongCodes` wrong codes per `window` (both positive).
    public init(maxWrongCodes: Int, window: TimeSpan) {
        precondition(maxWrongCodes > 0 && window > .zero, "a rate limit needs a positive count and window")
        self.maxWrongCodes = maxWrongCodes
        self.window = window
    }

    /// Wrong codes at instants strictly after this still count at `now`.
    public func windowStart(at now: Instant) -> Instant {
        now - window
    }

    /// When binding reopens, given the wrong codes counting now (oldest first); nil when the
    /// caller may bind now.
    public func pausedUntil(counting failures: [Instant]) -> Instant? {
        guard failures.count >= maxWrongCodes else { return nil }
        return failures[failures.count - maxWrongCodes] + window
    }

    /// The refusal sent while paused.
    func pausedError(until instant: Instant) -> DomainError {
        .resourceExhausted(
            "binding is paused for this account: \(maxWrongCodes) wrong activation codes were tried within "
                + "\(minutes) minutes; try again at or after \(instant), and copy the code exactly as you received it")
    }

    /// What a wrong-code refusal adds after `count` wrong codes now counting (this one included).
    func warning(afterWrongCodes count: Int, newest: Instant, counting failures: [Instant]) -> String {
        let left = maxWrongCodes - count
        if left > 0 {
            return " (\(left) more wrong code\(left == 1 ? "" : "s") within \(minutes) minutes will pause binding for this account)"
        }
        let until = pausedUntil(counting: failures) ?? newest + window
        return " (that is \(maxWrongCodes) wrong codes within \(minutes) minutes: binding is paused for this account until \(until))"
    }

    private var minutes: String {
        let value = Double(window.milliseconds) / 60_000
        return value == value.rounded() ? "\(Int64(value))" : "\(value)"
    }
}
