extension ChinaTime {
    /// `2020-03-01 12:00 CST`, the form every message uses. Seconds (and milliseconds) are
    /// shown only when not zero, so a message never rounds a deadline: `2020-03-01 12:03:27 CST`.
    public static func format(_ instant: Instant) -> String {
        format(civil(instant))
    }

    /// Formats a civil date and time as `format(_: Instant)` does.
    public static func format(_ civil: CivilDateTime) -> String {
        var text = "\(pad(civil.year, 4))-\(pad(civil.month, 2))-\(pad(civil.day, 2)) "
            + "\(pad(civil.hour, 2)):\(pad(civil.minute, 2))"
        if civil.second != 0 || civil.millisecond != 0 {
            text += ":\(pad(civil.second, 2))"
            if civil.millisecond != 0 { text += ".\(pad(civil.millisecond, 3))" }
        }
        return text + " CST"
    }

    /// Reads a CST wall-clock time: `YYYY-MM-DD`, optionally followed (after a space or `T`) by
    /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.mmm`, optionally followed by ` CST` or `+08:00`.
    ///
    /// For operators and test harnesses ("it is now 2020-05-01 15:00 CST").
    /// - Throws: `invalidArgument` with the expected form.
    public static func parse(_ text: String) throws(DomainError) -> Instant {
        let usage = "cannot read \"\(text)\" as a CST time; write it as 2020-05-01 15:00 (CST, UTC+08:00)"
        var body = Substring(text).trimmingSpaces
        for suffix in ["CST", "+08:00"] where body.hasSuffix(suffix) {
            body = body.dropLast(suffix.count).trimmingSpaces
        }
        let parts = body.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard (1...2).contains(parts.count) else { throw .invalidArgument(usage) }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, let year = digits(date[0], 4), let month = digits(date[1], 2),
              let day = digits(date[2], 2) else { throw .invalidArgument(usage) }
        var clock = [0, 0, 0, 0]
        if parts.count == 2 {
            let secondsAndMillis = parts[1].split(separator: ".", omittingEmptySubsequences: false)
            guard secondsAndMillis.count <= 2 else { throw .invalidArgument(usage) }
            let hms = secondsAndMillis[0].split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(hms.count) else { throw .invalidArgument(usage) }
            for (index, field) in hms.enumerated() {
                guard let value = digits(field, 2) else { throw .invalidArgument(usage) }
                clock[index] = value
            }
            if secondsAndMillis.count == 2 {
                guard hms.count == 3, let millis = digits(secondsAndMillis[1], 3) else { throw .invalidArgument(usage) }
                clock[3] = millis
            }
        }
        let civil = try CivilDateTime(
            year: year, month: month, day: day,
            hour: clock[0], minute: clock[1], second: clock[2], millisecond: clock[3])
        return instant(civil)
    }

    /// `value` as a decimal string padded with zeros to `width`.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// Exactly `count` ASCII digits as a number, else nil.
    private static func digits(_ text: Substring, _ count: Int) -> Int? {
        guard text.count == count, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    var trimmingSpaces: Substring {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
