/// A signed span of time in whole milliseconds (no calendar: a day is always 24 hours).
///
/// Encoded as a bare integer number of milliseconds.
public struct TimeSpan: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in milliseconds.
    public var milliseconds: Int64

    /// A span of `milliseconds` milliseconds.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// No time at all.
    public static let zero = TimeSpan(milliseconds: 0)

    /// A span of `value` milliseconds.
    public static func milliseconds(_ value: Int64) -> TimeSpan { TimeSpan(milliseconds: value) }
    /// A span of `value` seconds.
    public static func seconds(_ value: Int64) -> TimeSpan { TimeSpan(milliseconds: value * 1_000) }
    /// A span of `value` minutes.
    public static func minutes(_ value: Int64) -> TimeSpan { TimeSpan(milliseconds: value * 60_000) }
    /// A span of `value` hours.
    public static func hours(_ value: Int64) -> TimeSpan { TimeSpan(milliseconds: value * 3_600_000) }
    /// A span of `value` 24-hour days.
    public static func days(_ value: Int64) -> TimeSpan { TimeSpan(milliseconds: value * 86_400_000) }

    /// The sum of two spans.
    public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(milliseconds: lhs.milliseconds + rhs.milliseconds)
    }

    /// The difference of two spans.
    public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(milliseconds: lhs.milliseconds - rhs.milliseconds)
    }

    /// Orders spans by length.
    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// Decodes a bare integer of milliseconds.
    public init(from decoder: any Decoder) throws {
        milliseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes a bare integer of milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(milliseconds)
    }

    /// A short human form such as `4h`, `1h 30min`, `60s` or `250ms`.
    public var description: String {
        var rest = milliseconds.magnitude
        if rest == 0 { return "0s" }
        var parts: [String] = []
        for (unit, name) in [(UInt64(86_400_000), "d"), (3_600_000, "h"), (60_000, "min"), (1_000, "s"), (1, "ms")] {
            let count = rest / unit
            rest %= unit
            if count > 0 { parts.append("\(count)\(name)") }
        }
        return (milliseconds < 0 ? "-" : "") + parts.joined(separator: " ")
    }
}
