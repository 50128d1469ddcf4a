import HuanjuDomain
import Testing

/// RULES §5 over a code's life: `CodeTimeline`, as known now, at the guide's dates (§11).
@Suite struct CodeTimelineTests {
    /// Code A of the guide: issued with the fee on 2020-01-01 12:00, bound 2020-02-01 12:00.
    static func codeA(fee: FeeSchedule) throws -> ActivationCode {
        var code = try ActivationCode(kind: .flagship, issuedAt: seedFeeStart)
        try code.bind(device: hostDevice, wechat: hostWechat, at: .cst(2020, 2, 1, 12, 0), fee: fee)
        return code
    }

    static func interval(_ status: CodeStatus, _ from: Instant, _ until: Instant?) -> CodeTimeline.Interval {
        CodeTimeline.Interval(status: status, from: from, until: until)
    }

    @Test func aBoundCodeWhoseFeeIsNotRenewedIsSuspendedFromTheFeesEndUntilItExpires() throws {
        // Given code A and a fee bought 2020-01-01 12:00 and never renewed
        let fee = try feeBought(at: seedFeeStart)
        let code = try Self.codeA(fee: fee)
        // When its timeline is drawn
        let timeline = CodeTimeline(code: code, fee: fee)
        // Then UNBOUND → ACTIVE → SUSPENDED from the fee's end → EXPIRED from 2021-01-31 12:00, for good
        #expect(timeline.intervals == [
            Self.interval(.unbound, seedFeeStart, .cst(2020, 2, 1, 12, 0)),
            Self.interval(.active, .cst(2020, 2, 1, 12, 0), .cst(2020, 12, 31, 12, 0)),
            Self.interval(.suspended, .cst(2020, 12, 31, 12, 0), .cst(2021, 1, 31, 12, 0)),
            Self.interval(.expired, .cst(2021, 1, 31, 12, 0), nil),
        ])
    }

    @Test func aRenewalAfterTheLapseMakesTheCodeActiveAgainUntilItExpires() throws {
        // Given code A, and the fee renewed after its lapse, on 2021-01-10 09:00
        var fee = try feeBought(at: seedFeeStart)
        let code = try Self.codeA(fee: fee)
        try fee.purchase(at: .cst(2021, 1, 10, 9, 0))
        // When its timeline is drawn
        let timeline = CodeTimeline(code: code, fee: fee)
        // Then the gap is SUSPENDED, the new term ACTIVE until the validity end, then EXPIRED
        #expect(timeline.intervals == [
            Self.interval(.unbound, seedFeeStart, .cst(2020, 2, 1, 12, 0)),
            Self.interval(.active, .cst(2020, 2, 1, 12, 0), .cst(2020, 12, 31, 12, 0)),
            Self.interval(.suspended, .cst(2020, 12, 31, 12, 0), .cst(2021, 1, 10, 9, 0)),
            Self.interval(.active, .cst(2021, 1, 10, 9, 0), .cst(2021, 1, 31, 12, 0)),
            Self.interval(.expired, .cst(2021, 1, 31, 12, 0), nil),
        ])
    }

    @Test func aRenewalWhileActiveLeavesNoGapSoAdjacentActiveIntervalsMerge() throws {
        // Given code A and the guide's renewal on 2020-05-01 15:00 (fee until 2021-12-31 12:00)
        var fee = try feeBought(at: seedFeeStart)
        let code = try Self.codeA(fee: fee)
        try fee.purchase(at: .cst(2020, 5, 1, 15, 0))
        // When its timeline is drawn
        let timeline = CodeTimeline(code: code, fee: fee)
        // Then A is ACTIVE from its binding to its validity end in one interval
        #expect(timeline.intervals == [
            Self.interval(.unbound, seedFeeStart, .cst(2020, 2, 1, 12, 0)),
            Self.interval(.active, .cst(2020, 2, 1, 12, 0), .cst(2021, 1, 31, 12, 0)),
            Self.interval(.expired, .cst(2021, 1, 31, 12, 0), nil),
        ])
    }

    @Test func aCodeNeverBoundLapsesAtItsBindDeadlineForGood() throws {
        // Given a code issued 2020-01-01 12:00 and never bound
        let fee = try feeBought(at: seedFeeStart)
        let code = try ActivationCode(kind: .standard, issuedAt: seedFeeStart)
        // When its timeline is drawn
        let timeline = CodeTimeline(code: code, fee: fee)
        // Then UNBOUND until 2020-03-01 12:00, LAPSED from then on (the fee's end changes nothing)
        #expect(timeline.intervals == [
            Self.interval(.unbound, seedFeeStart, .cst(2020, 3, 1, 12, 0)),
            Self.interval(.lapsed, .cst(2020, 3, 1, 12, 0), nil),
        ])
    }

    @Test func theTimelineAgreesWithTheStatusRuleAtEveryBoundaryToTheMillisecond() throws {
        // Given code A with a lapse and a renewal after it
        var fee = try feeBought(at: seedFeeStart)
        let code = try Self.codeA(fee: fee)
        try fee.purchase(at: .cst(2021, 1, 10, 9, 0))
        let timeline = CodeTimeline(code: code, fee: fee)
        // When each boundary, a millisecond before it and a millisecond after it is looked up
        let boundaries = timeline.intervals.map(\.from) + [code.bindDeadline, .cst(2022, 1, 9, 9, 0)]
        for boundary in boundaries {
            for instant in [boundary - .milliseconds(1), boundary, boundary + .milliseconds(1)] where instant >= code.issuedAt {
                // Then the timeline's status is the rule's
                #expect(timeline.status(at: instant) == code.status(at: instant, fee: fee), "at \(instant)")
            }
        }
        // And before the issue there is no status
        #expect(timeline.status(at: code.issuedAt - .milliseconds(1)) == nil)
    }

    @Test func adjacentIntervalsNeverShareAStatusAndOnlyTheLastIsOpen() throws {
        var fee = try feeBought(at: seedFeeStart)
        let code = try Self.codeA(fee: fee)
        try fee.purchase(at: .cst(2021, 1, 10, 9, 0))
        let intervals = CodeTimeline(code: code, fee: fee).intervals
        for (earlier, later) in zip(intervals, intervals.dropFirst()) {
            #expect(earlier.status != later.status)
            #expect(earlier.until == later.from)
        }
        #expect(intervals.dropLast().allSatisfy { $0.until != nil })
        #expect(intervals.last?.until == nil)
    }
}
