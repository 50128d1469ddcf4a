/// Counting working days (Monday–Friday in CST; public holidays ignored), RULES §2.
public enum WorkingDays {
    /// The instant `count` working days after `instant`: the `count`-th Monday–Friday calendar
    /// day strictly after `instant`'s CST day, at the same clock time.
    ///
    /// Fri 15:00 + 5 → next Fri 15:00; Sat 10:00 + 5 → next Fri 10:00; Mon 09:00 + 5 → next Mon 09:00.
    /// A `count` of zero or less returns `instant` unchanged.
    public static func adding(_ count: Int, to instant: Instant) -> Instant {
        var result = instant
        var counted = 0
        while counted < count {
            result = result + .days(1)
            if ChinaTime.weekday(of: result).isWorkingDay { counted += 1 }
        }
        return result
    }
}
