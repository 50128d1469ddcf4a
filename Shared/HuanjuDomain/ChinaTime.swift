/// Calendar arithmetic in China Standard Time (UTC+08:00, no daylight saving), RULES §1.
///
/// Conversions use Howard Hinnant's exact integer algorithms (`days_from_civil`,
/// `civil_from_days`) on the proleptic Gregorian calendar: no Foundation, no time-zone
/// database, no floating point. Adding months or years keeps the clock time and the day of
/// month, clamping to the target month's last day (Jan 31 + 1 month = Feb 28 or 29;
/// Feb 29 2020 + 1 year = Feb 28 2021).
public enum ChinaTime {
    /// CST's fixed offset from UTC.
    public static let utcOffset = TimeSpan.hours(8)

    static let millisecondsPerDay: Int64 = 86_400_000

    /// The wall-clock reading in China at `instant`.
    public static func civil(_ instant: Instant) -> CivilDateTime {
        let local = instant.unixMilliseconds + utcOffset.milliseconds
        let days = floorDiv(local, millisecondsPerDay)
        var rest = local - days * millisecondsPerDay
        let (year, month, day) = civilFromDays(days)
        let millisecond = Int(rest % 1_000)
        rest /= 1_000
        let second = Int(rest % 60)
        rest /= 60
        let minute = Int(rest % 60)
        let hour = Int(rest / 60)
        return CivilDateTime(unchecked: Int(year), month, day, hour, minute, second, millisecond)
    }

    /// The instant a wall clock in China reads `civil`.
    public static func instant(_ civil: CivilDateTime) -> Instant {
        let days = daysFromCivil(year: Int64(civil.year), month: civil.month, day: civil.day)
        return Instant(unixMilliseconds: days * millisecondsPerDay + civil.millisecondOfDay - utcOffset.milliseconds)
    }

    /// `instant` plus `months` calendar months (negative goes back), keeping the clock time and
    /// the day of month, clamped to the target month's last day.
    public static func addMonths(_ months: Int, to instant: Instant) -> Instant {
        let start = civil(instant)
        let index = start.year * 12 + (start.month - 1) + months
        let year = floorDiv(index, 12)
        let month = index - year * 12 + 1
        let day = min(start.day, daysInMonth(year: year, month: month))
        return self.instant(start.with(year: year, month: month, day: day))
    }

    /// `instant` plus `years` calendar years: `addMonths(12 × years)`, so Feb 29 + 1 year is Feb 28.
    public static func addYears(_ years: Int, to instant: Instant) -> Instant {
        addMonths(12 * years, to: instant)
    }

    /// "The day before": exactly 24 hours earlier (CST has no daylight saving).
    public static func minusOneDay(_ instant: Instant) -> Instant {
        instant - .days(1)
    }

    /// The day of the week in China at `instant`.
    public static func weekday(of instant: Instant) -> Weekday {
        let local = instant.unixMilliseconds + utcOffset.milliseconds
        return weekday(ofDay: floorDiv(local, millisecondsPerDay))
    }

    /// Whether `year` has a February 29.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1–12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Integer civil-date algorithms (days counted from 1970-01-01)

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    static func daysFromCivil(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The weekday of the day `days` after 1970-01-01 (a Thursday).
    static func weekday(ofDay days: Int64) -> Weekday {
        let index = Int(((days + 3) % 7 + 7) % 7)  // 0 = Monday
        return Weekday(rawValue: index + 1) ?? .monday
    }

    static func floorDiv<T: BinaryInteger>(_ a: T, _ b: T) -> T {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
