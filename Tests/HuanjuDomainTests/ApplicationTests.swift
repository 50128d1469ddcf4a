import HuanjuDomain
import Testing

@Suite("RULES §2 — accounts and approval")
struct ApplicationTests {
    @Test func onlyEnterpriseAccountsMayApply() throws {
        // Given an INDIVIDUAL account
        // When it applies / Then it is refused with what to do instead
        expectDomainError(.failedPrecondition, "ENTERPRISE", "register an enterprise account") {
            _ = try Application.submit(kind: .individual, at: .cst(2020, 1, 1), previous: nil)
        }
        // And an ENTERPRISE account's application is PENDING
        let application = try Application.submit(kind: .enterprise, at: .cst(2020, 1, 1), previous: nil)
        #expect(application.status == .pending)
    }

    @Test func decisionIsDueFiveWorkingDaysAfterSubmissionAtTheSameClockTime() throws {
        // Given submissions on various weekdays (2020-01-03 is a Friday)
        let cases: [(submitted: Instant, due: Instant)] = [
            (.cst(2020, 1, 3, 15, 0), .cst(2020, 1, 10, 15, 0)),  // Fri 15:00 → next Fri 15:00
            (.cst(2020, 1, 4, 10, 0), .cst(2020, 1, 10, 10, 0)),  // Sat 10:00 → next Fri 10:00
            (.cst(2020, 1, 5, 23, 59), .cst(2020, 1, 10, 23, 59)),  // Sun → next Fri
            (.cst(2020, 1, 6, 9, 0), .cst(2020, 1, 13, 9, 0)),  // Mon 09:00 → next Mon 09:00
            (.cst(2020, 1, 8, 0, 0), .cst(2020, 1, 15, 0, 0)),  // Wed → next Wed, across a weekend
        ]
        for (submitted, due) in cases {
            // When an application is submitted
            let application = try Application.submit(kind: .enterprise, at: submitted, previous: nil)
            // Then the decision is due five Monday–Friday days later, same clock time
            #expect(application.decisionDue == due, "submitted \(submitted)")
        }
    }

    @Test func applicationsAreDecidedOnlyWhilePending() throws {
        // Given a pending application
        var application = try Application.submit(kind: .enterprise, at: .cst(2020, 1, 6, 9, 0), previous: nil)
        // When it is rejected without a reason / Then that is refused
        expectDomainError(.invalidArgument, "reason") { try application.reject(reason: " ", at: .cst(2020, 1, 7)) }
        // When an operator approves it / Then it is APPROVED, with the decision time
        try application.approve(at: .cst(2020, 1, 7, 10, 0))
        #expect(application.status == .approved)
        #expect(application.decidedAt == .cst(2020, 1, 7, 10, 0))
        // And it cannot be decided again
        expectDomainError(.failedPrecondition, "APPROVED", "PENDING") { try application.approve(at: .cst(2020, 1, 8)) }
        expectDomainError(.failedPrecondition, "APPROVED") { try application.reject(reason: "late", at: .cst(2020, 1, 8)) }
    }

    @Test func rejectedAccountMayApplyAgainButPendingOrApprovedMayNot() throws {
        // Given a rejected application
        var first = try Application.submit(kind: .enterprise, at: .cst(2020, 1, 6, 9, 0), previous: nil)
        // When a new application is made while the first is pending / Then it is refused, naming the due date
        expectDomainError(.failedPrecondition, "pending", "2020-01-13 09:00 CST") {
            _ = try Application.submit(kind: .enterprise, at: .cst(2020, 1, 7), previous: first)
        }
        try first.reject(reason: "business licence unreadable", at: .cst(2020, 1, 8))
        // When the account applies again / Then a new pending application is made
        var second = try Application.submit(kind: .enterprise, at: .cst(2020, 1, 9), previous: first)
        #expect(second.status == .pending)
        // And once approved, no further application is accepted
        try second.approve(at: .cst(2020, 1, 10))
        expectDomainError(.failedPrecondition, "already approved") {
            _ = try Application.submit(kind: .enterprise, at: .cst(2020, 1, 11), previous: second)
        }
    }

    @Test func onlyApprovedEnterpriseAccountsMayBuy() throws {
        // Given accounts at each stage
        var application = try Application.submit(kind: .enterprise, at: .cst(2020, 1, 6, 9, 0), previous: nil)
        // When they try to buy / Then all but the approved enterprise are refused, saying what to do
        expectDomainError(.failedPrecondition, "INDIVIDUAL") {
            try PurchaseEligibility.check(kind: .individual, application: nil)
        }
        expectDomainError(.failedPrecondition, "apply") { try PurchaseEligibility.check(kind: .enterprise, application: nil) }
        expectDomainError(.failedPrecondition, "pending", "2020-01-13 09:00 CST") {
            try PurchaseEligibility.check(kind: .enterprise, application: application)
        }
        var rejected = application
        try rejected.reject(reason: "missing licence", at: .cst(2020, 1, 7))
        expectDomainError(.failedPrecondition, "missing licence", "apply again") {
            try PurchaseEligibility.check(kind: .enterprise, application: rejected)
        }
        try application.approve(at: .cst(2020, 1, 7))
        try PurchaseEligibility.check(kind: .enterprise, application: application)
    }
}
