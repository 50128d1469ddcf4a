/// A point in time: UTC Unix milliseconds, as stored and sent on the wire.
///
/// Arithmetic with a `TimeSpan` is exact and calendar-free; calendar arithmetic (months,
/// years, "the day before") lives in `ChinaTime`. Encoded as a bare integer.
public struct Instant: Sendable, Hashable, Comparable, Codable {
    /// Milliseconds since 1970-01-01 00:00 UTC.
    public var unixMilliseconds: Int64

    /// The instant `unixMilliseconds` after the Unix epoch.
    public init(unixMilliseconds: Int64) {
        self.unixMilliseconds = unixMilliseconds
    }

    /// The earliest instant the rules accept from outside: 0001-01-01 00:00 CST.
    public static let earliestSupported = Instant(unixMilliseconds: -62_135_625_600_000)
    /// The latest instant the rules accept from outside: 9999-12-31 23:59:59.999 CST.
    public static let latestSupported = Instant(unixMilliseconds: 253_402_271_999_999)

    /// Checks an instant that came from outside (the wire, a flag) before any rule uses it.
    ///
    /// - Throws: `invalidArgument` when it lies outside years 1–9999 CST, where calendar
    ///   arithmetic could overflow.
    public static func validated(unixMilliseconds value: Int64) throws(DomainError) -> Instant {
        let instant = Instant(unixMilliseconds: value)
        guard instant >= earliestSupported, instant <= latestSupported else {
            throw .invalidArgument(
                "instant \(value) ms is outside the supported range; use Unix milliseconds between years 1 and 9999")
        }
        return instant
    }

    /// This instant moved by `span`.
    public func adding(_ span: TimeSpan) -> Instant { self + span }

    /// This instant moved by whole hours.
    public func adding(hours: Int64) -> Instant { self + .hours(hours) }

    /// This instant moved by whole minutes.
    public func adding(minutes: Int64) -> Instant { self + .minutes(minutes) }

    /// The instant `rhs` later.
    public static func + (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(unixMilliseconds: lhs.unixMilliseconds + rhs.milliseconds)
    }

    /// The instant `rhs` earlier.
    public static func - (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(unixMilliseconds: lhs.unixMilliseconds - rhs.milliseconds)
    }

    /// The time from `rhs` to `lhs`.
    public static func - (lhs: Instant, rhs: Instant) -> TimeSpan {
        TimeSpan(milliseconds: lhs.unixMilliseconds - rhs.unixMilliseconds)
    }

    /// Orders instants in time.
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.unixMilliseconds < rhs.unixMilliseconds }

    /// Decodes a bare integer of Unix milliseconds.
    public init(from decoder: any Decoder) throws {
        unixMilliseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes a bare integer of Unix milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(unixMilliseconds)
    }
}
