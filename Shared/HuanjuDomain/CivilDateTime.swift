/// A calendar date and clock time as read on a wall clock in China (CST, UTC+08:00).
///
/// Always valid: the throwing initializer checks every field, and values produced by
/// `ChinaTime.civil(_:)` are valid by construction. Years 1–9999.
public struct CivilDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–28…31.
    public let day: Int
    /// The hour, 0–23.
    public let hour: Int
    /// The minute, 0–59.
    public let minute: Int
    /// The second, 0–59 (China has no leap-second clock).
    public let second: Int
    /// The millisecond, 0–999.
    public let millisecond: Int

    /// Checks and builds a civil date and time.
    ///
    /// - Throws: `invalidArgument` naming the first field out of range.
    public init(
        year: Int, month: Int, day: Int,
        hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0
    ) throws(DomainError) {
        guard (1...9999).contains(year) else { throw .invalidArgument("year \(year) is out of range; use 1–9999") }
        guard (1...12).contains(month) else { throw .invalidArgument("month \(month) is out of range; use 1–12") }
        let lastDay = ChinaTime.daysInMonth(year: year, month: month)
        guard (1...lastDay).contains(day) else {
            throw .invalidArgument("day \(day) does not exist in \(year)-\(ChinaTime.pad(month, 2)); use 1–\(lastDay)")
        }
        guard (0...23).contains(hour) else { throw .invalidArgument("hour \(hour) is out of range; use 0–23") }
        guard (0...59).contains(minute) else { throw .invalidArgument("minute \(minute) is out of range; use 0–59") }
        guard (0...59).contains(second) else { throw .invalidArgument("second \(second) is out of range; use 0–59") }
        guard (0...999).contains(millisecond) else {
            throw .invalidArgument("millisecond \(millisecond) is out of range; use 0–999")
        }
        self.init(unchecked: year, month, day, hour, minute, second, millisecond)
    }

    /// Builds fields already known to be valid.
    init(unchecked year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, _ millisecond: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// The same date and clock time moved to another (year, month, day), clamping nothing:
    /// the caller passes an existing day.
    func with(year: Int, month: Int, day: Int) -> CivilDateTime {
        CivilDateTime(unchecked: year, month, day, hour, minute, second, millisecond)
    }

    /// Milliseconds since local midnight.
    var millisecondOfDay: Int64 {
        Int64(((hour * 60 + minute) * 60 + second) * 1_000 + millisecond)
    }

    /// Orders by date, then clock time.
    public static func < (lhs: CivilDateTime, rhs: CivilDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.millisecondOfDay) < (rhs.year, rhs.month, rhs.day, rhs.millisecondOfDay)
    }

    /// `2020-03-01 12:00 CST`; seconds and milliseconds appear only when not zero.
    public var description: String { ChinaTime.format(self) }
}
