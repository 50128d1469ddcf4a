extension Instant: CustomStringConvertible {
    /// The instant a wall clock in China reads the given date and time.
    ///
    /// A convenience for literals in tests and demos (`Instant.cst(2020, 1, 1, 12, 0)`); it
    /// stops the program on an impossible date. Input from outside goes through
    /// `CivilDateTime.init` or `ChinaTime.parse(_:)`, which throw instead.
    public static func cst(
        _ year: Int, _ month: Int, _ day: Int,
        _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, _ millisecond: Int = 0
    ) -> Instant {
        do {
            let civil = try CivilDateTime(
                year: year, month: month, day: day,
                hour: hour, minute: minute, second: second, millisecond: millisecond)
            return ChinaTime.instant(civil)
        } catch {
            preconditionFailure("Instant.cst: \(error.message)")
        }
    }

    /// The wall-clock reading in China at this instant.
    public var chinaTime: CivilDateTime { ChinaTime.civil(self) }

    /// `2020-03-01 12:00 CST`.
    public var description: String { ChinaTime.format(self) }
}
