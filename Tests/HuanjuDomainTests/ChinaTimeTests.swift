import HuanjuDomain
import Testing

@Suite("RULES §1 — time")
struct ChinaTimeTests {
    @Test func instantsAreUtcUnixMillisecondsReadInChinaStandardTime() {
        // Given 2020-01-01 12:00 on a wall clock in China (UTC+08:00)
        // When it is stored as an instant
        let instant = Instant.cst(2020, 1, 1, 12, 0)
        // Then it is 2020-01-01 04:00 UTC in Unix milliseconds, and reads back the same
        #expect(instant.unixMilliseconds == 1_577_851_200_000)
        #expect(Instant(unixMilliseconds: 0).description == "1970-01-01 08:00 CST")
        #expect(instant.chinaTime.hour == 12)
    }

    @Test func civilDateConversionIsExactOverCenturies() {
        // Given every day from 1899-12-25 to 2101-01-07 at 23:59:59.999 CST
        var mismatches: [String] = []
        var previous = Instant.cst(1899, 12, 24, 23, 59, 59, 999)
        var day = previous + .days(1)
        // When each is converted to civil fields and back
        while day < Instant.cst(2101, 1, 7) {
            let civil = day.chinaTime
            let before = previous.chinaTime
            let lastOfMonth = before.day == ChinaTime.daysInMonth(year: before.year, month: before.month)
            // Then the round trip is exact, the days are consecutive and weekdays cycle
            if ChinaTime.instant(civil) != day
                || civil.day != (lastOfMonth ? 1 : before.day + 1)
                || civil.millisecond != 999
                || ChinaTime.weekday(of: day).rawValue != ChinaTime.weekday(of: previous).rawValue % 7 + 1 {
                mismatches.append(civil.description)
            }
            previous = day
            day = day + .days(1)
        }
        #expect(mismatches.isEmpty)
        // And known dates fall on known weekdays
        #expect(ChinaTime.weekday(of: .cst(1970, 1, 1)) == .thursday)
        #expect(ChinaTime.weekday(of: .cst(2000, 2, 29)) == .tuesday)
        #expect(ChinaTime.weekday(of: .cst(2020, 1, 1)) == .wednesday)
        #expect(ChinaTime.weekday(of: .cst(1900, 1, 1)) == .monday)
    }

    @Test func weekdayIsTheChinaCalendarDay() {
        // Given Saturday 2020-01-04 00:30 CST, which is still Friday 16:30 in UTC
        let instant = Instant.cst(2020, 1, 4, 0, 30)
        // When its weekday is read / Then it is Saturday (China's calendar day)
        #expect(ChinaTime.weekday(of: instant) == .saturday)
        #expect(ChinaTime.weekday(of: instant - .minutes(31)) == .friday)
    }

    @Test func addingMonthsKeepsClockTimeAndDayOfMonth() {
        // Given instants with a clock time
        // When months are added / Then the day and clock time stay, across year ends and backwards
        #expect(ChinaTime.addMonths(2, to: .cst(2020, 1, 1, 12, 0)) == .cst(2020, 3, 1, 12, 0))
        #expect(ChinaTime.addMonths(2, to: .cst(2020, 5, 1, 15, 0, 7, 250)) == .cst(2020, 7, 1, 15, 0, 7, 250))
        #expect(ChinaTime.addMonths(2, to: .cst(2020, 11, 15, 0, 30)) == .cst(2021, 1, 15, 0, 30))
        #expect(ChinaTime.addMonths(-3, to: .cst(2020, 2, 10, 9, 0)) == .cst(2019, 11, 10, 9, 0))
        #expect(ChinaTime.addYears(1, to: .cst(2020, 2, 1, 9, 30)) == .cst(2021, 2, 1, 9, 30))
    }

    @Test func januaryThirtyFirstPlusOneMonthIsTheLastDayOfFebruary() {
        // Given January 31 in a leap year and in a common year
        // When one month is added
        // Then the day clamps to February's last day, keeping the clock time
        #expect(ChinaTime.addMonths(1, to: .cst(2020, 1, 31, 12, 0)) == .cst(2020, 2, 29, 12, 0))
        #expect(ChinaTime.addMonths(1, to: .cst(2021, 1, 31, 12, 0)) == .cst(2021, 2, 28, 12, 0))
        #expect(ChinaTime.addMonths(1, to: .cst(2100, 1, 31)) == .cst(2100, 2, 28))
        #expect(ChinaTime.addMonths(1, to: .cst(2000, 1, 31)) == .cst(2000, 2, 29))
        #expect(ChinaTime.addMonths(1, to: .cst(2020, 3, 31, 8, 0)) == .cst(2020, 4, 30, 8, 0))
        #expect(ChinaTime.addMonths(2, to: .cst(2020, 12, 31, 23, 59)) == .cst(2021, 2, 28, 23, 59))
    }

    @Test func februaryTwentyNinthPlusOneYearIsFebruaryTwentyEighth() {
        // Given 2020-02-29 10:00
        let leapDay = Instant.cst(2020, 2, 29, 10, 0)
        // When years are added
        // Then a year without Feb 29 clamps to Feb 28, and a leap year keeps Feb 29
        #expect(ChinaTime.addYears(1, to: leapDay) == .cst(2021, 2, 28, 10, 0))
        #expect(ChinaTime.addYears(4, to: leapDay) == .cst(2024, 2, 29, 10, 0))
    }

    @Test func theDayBeforeIsExactlyTwentyFourHoursEarlier() {
        // Given an instant on March 1 of a leap year
        let instant = Instant.cst(2020, 3, 1, 12, 0)
        // When one day is taken off / Then it is Feb 29, same clock time, 86,400,000 ms earlier
        #expect(ChinaTime.minusOneDay(instant) == .cst(2020, 2, 29, 12, 0))
        #expect(instant - ChinaTime.minusOneDay(instant) == .milliseconds(86_400_000))
    }

    @Test func messagesShowInstantsInChinaStandardTime() {
        // Given instants with and without seconds
        // When formatted / Then minutes always show, seconds and milliseconds only when set
        #expect(ChinaTime.format(.cst(2020, 3, 1, 12, 0)) == "2020-03-01 12:00 CST")
        #expect(ChinaTime.format(.cst(2020, 3, 1, 12, 3, 27)) == "2020-03-01 12:03:27 CST")
        #expect(ChinaTime.format(.cst(2020, 3, 1, 12, 3, 0, 5)) == "2020-03-01 12:03:00.005 CST")
        #expect(TimeSpan.hours(4).description == "4h")
        #expect((TimeSpan.minutes(90) + .milliseconds(250)).description == "1h 30min 250ms")
    }

    @Test func chinaTimeTextIsParsedOrRefusedWithTheExpectedForm() throws {
        // Given texts an operator might type
        // When parsed / Then valid forms give the CST instant
        #expect(try ChinaTime.parse("2020-05-01 15:00") == .cst(2020, 5, 1, 15, 0))
        #expect(try ChinaTime.parse(" 2020-05-01T15:00:30.125 CST ") == .cst(2020, 5, 1, 15, 0, 30, 125))
        #expect(try ChinaTime.parse("2020-05-01 15:00+08:00") == .cst(2020, 5, 1, 15, 0))
        #expect(try ChinaTime.parse("2020-05-01") == .cst(2020, 5, 1))
        // And impossible or garbled ones are refused, saying how to write them
        for bad in ["2021-02-29 10:00", "2020-5-1", "2020-05-01 25:00", "yesterday", "2020-05-01 15:00.5", ""] {
            expectDomainError(.invalidArgument) { _ = try ChinaTime.parse(bad) }
        }
    }

    @Test func instantsOutsideYearsOneToNineThousandNineHundredNinetyNineAreRefused() throws {
        // Given Unix milliseconds from outside
        // When validated / Then the supported range passes and anything beyond is refused
        #expect(try Instant.validated(unixMilliseconds: 0) == Instant(unixMilliseconds: 0))
        #expect(Instant.earliestSupported == .cst(1, 1, 1))
        #expect(Instant.latestSupported == .cst(9999, 12, 31, 23, 59, 59, 999))
        expectDomainError(.invalidArgument, "supported range") {
            _ = try Instant.validated(unixMilliseconds: .max)
        }
        expectDomainError(.invalidArgument) {
            _ = try Instant.validated(unixMilliseconds: Instant.earliestSupported.unixMilliseconds - 1)
        }
    }
}
