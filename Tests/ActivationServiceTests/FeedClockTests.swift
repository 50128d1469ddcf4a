@testable import ActivationService
import HuanjuDomain
import Testing

/// The feed events the business clock makes due (FeedClock), as pure rules: each at its exact
/// instant, inside the span the clock passed and never outside it, none for what is resolved.
@Suite struct FeedClockTests {
    static let issued = Instant.cst(2020, 1, 1, 12, 0)
    static let bound = Instant.cst(2020, 2, 1, 12, 0)

    static func code(_ id: String, boundAt: Instant?, account: String = "acc_a") -> FeedCode {
        FeedCode(
            codeID: id, accountID: account, masked: "HJ-…-\(id)", bindDeadline: ActivationCode.bindDeadline(issuedAt: issued),
            boundAt: boundAt, validUntil: boundAt.map { ActivationCode.validityEnd(boundAt: $0) })
    }

    static func fee(_ terms: [(Instant, Instant)]) throws -> [String: FeeSchedule] {
        ["acc_a": try FeeSchedule(terms: terms.map { try FeeTerm(start: $0.0, end: $0.1) })]
    }

    static func kinds(_ entries: [FeedEntry]) -> [String] {
        entries.map { "\($0.kind.rawValue) \(ChinaTime.format($0.occurredAt))" + ($0.codeID.map { " \($0)" } ?? "") }
    }

    @Test func anUnboundCodeIsRemindedThreeTimesThenLapsesAtItsDeadline() {
        let entries = FeedClock.due(
            after: Self.issued, through: .cst(2021, 1, 1), codes: [Self.code("U", boundAt: nil)], fees: [:])
        #expect(Self.kinds(entries) == [
            "BIND_REMINDER 2020-02-16 12:00 CST U", "BIND_REMINDER 2020-02-27 12:00 CST U",
            "BIND_REMINDER 2020-02-29 12:00 CST U", "CODE_LAPSED 2020-03-01 12:00 CST U",
        ])
        #expect(entries.map(\.daysLeft) == [14, 3, 1, nil])
    }

    @Test func eachEventIsDueExactlyAtItsInstantAndOnlyOnce() {
        let codes = [Self.code("U", boundAt: nil)]
        let deadline = ActivationCode.bindDeadline(issuedAt: Self.issued)
        // Up to 1 ms before the deadline: not lapsed; the pass that reaches the deadline: lapsed.
        let before = FeedClock.due(after: .cst(2020, 2, 29, 12, 1), through: deadline - .milliseconds(1), codes: codes, fees: [:])
        #expect(before.isEmpty)
        let at = FeedClock.due(after: deadline - .milliseconds(1), through: deadline, codes: codes, fees: [:])
        #expect(at.map(\.kind) == [.codeLapsed])
        // A span that starts at the deadline does not hold it again (spans are (after, through]).
        #expect(FeedClock.due(after: deadline, through: .cst(2030, 1, 1), codes: codes, fees: [:]).isEmpty)
        // Split anywhere, the passes together give what one pass gives.
        let whole = FeedClock.due(after: Self.issued, through: .cst(2020, 6, 1), codes: codes, fees: [:])
        var pieces: [FeedEntry] = []
        var from = Self.issued
        for day in stride(from: 1, through: 150, by: 1) {
            let to = Self.issued + .days(Int64(day))
            pieces += FeedClock.due(after: from, through: to, codes: codes, fees: [:])
            from = to
        }
        #expect(pieces == whole)
    }

    @Test func aFeeThatEndsUnrenewedIsRemindedLapsesAndSuspendsTheValidCodes() throws {
        let end = Instant.cst(2020, 12, 31, 12, 0)
        let codes = [Self.code("B", boundAt: Self.bound), Self.code("U", boundAt: nil)]
        let entries = FeedClock.due(
            after: .cst(2020, 11, 1), through: .cst(2021, 1, 1), codes: codes, fees: try Self.fee([(Self.issued, end)]))
        #expect(Self.kinds(entries) == [
            "FEE_END_REMINDER 2020-12-01 12:00 CST", "FEE_END_REMINDER 2020-12-24 12:00 CST",
            "FEE_END_REMINDER 2020-12-30 12:00 CST", "FEE_LAPSED 2020-12-31 12:00 CST",
            "CODE_SUSPENDED 2020-12-31 12:00 CST B",
        ])
        #expect(entries.first?.text.contains("2020-12-31 12:00 CST") == true)
    }

    @Test func aRenewedFeeIsNeitherRemindedNorLapsed() throws {
        // Renewed on 2020-05-01: one term up to 2021-12-31 12:00; 2020-12-31 is no end any more.
        let fees = try Self.fee([(Self.issued, .cst(2021, 12, 31, 12, 0))])
        let entries = FeedClock.due(
            after: .cst(2020, 11, 1), through: .cst(2021, 1, 1), codes: [Self.code("B", boundAt: Self.bound)], fees: fees)
        // (B's first expiry reminder, 2021-01-01 12:00, lies after the span.)
        #expect(entries.isEmpty)
    }

    @Test func aRenewalAfterALapseRestoresTheCodesStillValid() throws {
        let renewal = Instant.cst(2021, 1, 10, 9, 0)
        let fees = try Self.fee([(Self.issued, .cst(2020, 12, 31, 12, 0)), (renewal, .cst(2022, 1, 9, 9, 0))])
        let codes = [Self.code("B", boundAt: Self.bound), Self.code("OLD", boundAt: .cst(2020, 1, 1, 12, 0))]
        let entries = FeedClock.due(after: .cst(2021, 1, 5), through: .cst(2021, 1, 20), codes: codes, fees: fees)
        // OLD expired on 2020-12-31 12:00 (bound 2020-01-01): nothing to restore.
        #expect(Self.kinds(entries) == ["CODE_RESTORED 2021-01-10 09:00 CST B"])
    }

    @Test func aTermThatStartsWhenThePreviousEndsIsNoLapse() throws {
        let end = Instant.cst(2020, 12, 31, 12, 0)
        let fees = try Self.fee([(Self.issued, end), (end, .cst(2021, 12, 30, 12, 0))])
        let entries = FeedClock.due(
            after: .cst(2020, 11, 1), through: .cst(2021, 1, 1), codes: [Self.code("B", boundAt: Self.bound)], fees: fees)
        #expect(entries.allSatisfy { $0.kind != .feeLapsed && $0.kind != .codeSuspended && $0.kind != .feeEndReminder })
    }

    @Test func aBoundCodeIsRemindedBeforeItExpiresAndTheWordsSayCodesAreNotRenewable() {
        let entries = FeedClock.due(
            after: Self.bound, through: .cst(2021, 3, 1), codes: [Self.code("B", boundAt: Self.bound)], fees: [:])
        #expect(Self.kinds(entries) == [
            "CODE_EXPIRY_REMINDER 2021-01-01 12:00 CST B", "CODE_EXPIRY_REMINDER 2021-01-24 12:00 CST B",
            "CODE_EXPIRED 2021-01-31 12:00 CST B",
        ])
        #expect(entries.allSatisfy { $0.text.contains("buy a new code") })
        #expect(Set(entries.map(\.eventID)).count == entries.count)
    }
}
