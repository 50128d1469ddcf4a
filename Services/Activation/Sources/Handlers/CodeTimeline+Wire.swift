import HuanjuAPI
import HuanjuDomain

extension ActivationV1.CodeStatusInterval {
    /// The wire form of one interval of a code's timeline (0: open-ended).
    init(_ interval: CodeTimeline.Interval) {
        self.init(
            status: ActivationV1.CodeStatus(interval.status), fromMs: interval.from.unixMilliseconds,
            untilMs: interval.until?.unixMilliseconds ?? 0)
    }
}
