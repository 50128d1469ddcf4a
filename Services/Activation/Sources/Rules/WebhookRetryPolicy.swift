import HuanjuDomain

/// How long a failing webhook endpoint rests before the waiting event is sent again, and how
/// long one attempt may take.
///
/// After the n-th failure in a row the pause is `first` × 2^(n−1), at most `longest`, less a
/// random part of up to a fifth of it (jitter, so that endpoints failing together do not come
/// back together): with the standard policy 1 s, 2 s, 4 s … 256 s, then 300 s for as long as
/// the endpoint fails. There is no last attempt: events wait in the account's feed, visible in
/// `GetWebhook` and the operator's `GetWebhookStatus`, until the endpoint answers 2xx or is
/// deleted. A success resets the count.
struct WebhookRetryPolicy: Sendable, Equatable {
    /// The pause after the first failure.
    var first: TimeSpan
    /// The longest pause.
    var longest: TimeSpan
    /// The limit on one attempt: connecting, sending, and the endpoint's answer.
    var attemptTimeout: TimeSpan

    /// 1 s doubling to 5 min; 10 s per attempt.
    static let standard = WebhookRetryPolicy(first: .seconds(1), longest: .minutes(5), attemptTimeout: .seconds(10))

    /// Whether an endpoint whose next attempt was set for `retryAt` may be tried at `now`: once
    /// that instant has come — or when it lies further ahead than any pause can (the host's
    /// clock was set back), so that a clock step never stalls an endpoint.
    func isDue(retryAt: Instant?, now: Instant) -> Bool {
        guard let retryAt else { return true }
        return retryAt <= now || retryAt - now > longest
    }

    /// The pause before the next attempt after `failures` failures in a row (1 or more), with
    /// `jitter` in [0, 1) taking up to a fifth of it off (0: none).
    func pause(afterFailures failures: Int, jitter: Double) -> TimeSpan {
        var base = max(first.milliseconds, 1)
        var doublings = max(failures, 1) - 1
        while doublings > 0, base < longest.milliseconds {
            base *= 2
            doublings -= 1
        }
        base = min(base, longest.milliseconds)
        let cut = Int64((Double(base) * min(max(jitter, 0), 1) / 5).rounded(.down))
        return .milliseconds(base - cut)
    }
}
