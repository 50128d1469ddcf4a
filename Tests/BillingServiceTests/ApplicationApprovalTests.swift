import BillingService
import HuanjuAPI
import HuanjuDomain
import HuanjuWire
import Testing

/// RULES §2: only an APPROVED ENTERPRISE account buys; applications, their decision date,
/// rejection with a reason, and applying again after a rejection.
@Suite struct ApplicationApprovalTests {
    static func refusedFee(_ harness: BillingHarness, _ account: String) async -> RPCError {
        await harness.refusal(Billing.purchaseAnnualFee, BillingV1.PurchaseAnnualFeeRequest(), as: account, key: "k")
    }

    @Test func anIndividualAccountCannotApplyNorBuy() async throws {
        try await BillingHarness.run { harness in
            // Given an INDIVIDUAL account
            let account = try await harness.register(.individual, name: "Wang")
            // When it applies, or buys
            let apply = await harness.refusal(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            let buy = await Self.refusedFee(harness, account)
            // Then both are refused, naming INDIVIDUAL
            #expect(apply.code == .failedPrecondition)
            #expect(buy.code == .failedPrecondition)
            #expect(apply.message.contains("INDIVIDUAL") && buy.message.contains("INDIVIDUAL"))
            #expect(try await harness.orders(account).isEmpty)
        }
    }

    @Test func anEnterpriseThatNeverAppliedOrIsPendingCannotBuy() async throws {
        try await BillingHarness.run { harness in
            // Given an enterprise that has not applied
            let account = try await harness.register()
            // Then it cannot buy
            let notApplied = await Self.refusedFee(harness, account)
            #expect(notApplied.code == .failedPrecondition)
            #expect(notApplied.message.contains("has not applied"))
            // When it applies, Then it still cannot buy until approved
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            let pending = await Self.refusedFee(harness, account)
            #expect(pending.code == .failedPrecondition)
            #expect(pending.message.contains("pending"))
            #expect(try await harness.outbox().isEmpty)
        }
    }

    @Test func aRejectedAccountCannotBuyButMayApplyAgain() async throws {
        try await BillingHarness.run { harness in
            // Given an enterprise whose application was rejected with a reason
            let account = try await harness.register()
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            harness.clock.advance(by: .days(1))
            let rejected: BillingV1.AccountApplication = try await harness.call(
                Billing.rejectApplication, BillingV1.RejectApplicationRequest(accountID: account, reason: "business licence unreadable"),
                operator: true)
            #expect(rejected.application?.status == .rejected)
            // Then the customer sees the reason and cannot buy
            let shown = try #require(try await harness.accountDetails(account).application)
            #expect(shown.status == .rejected)
            #expect(shown.rejectionReason == "business licence unreadable")
            #expect(shown.decidedAtMs == Instant.cst(2020, 1, 2, 12, 0).ms)
            let refused = await Self.refusedFee(harness, account)
            #expect(refused.message.contains("rejected (business licence unreadable)"))
            // When it applies again and is approved
            let again: BillingV1.ApplyForFormalServiceResponse = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            #expect(again.application?.status == .pending)
            _ = try await harness.call(
                Billing.approveApplication, BillingV1.ApproveApplicationRequest(accountID: account), operator: true)
            // Then it may buy
            #expect(try await harness.buyFee(account).order?.totalFen == 14_000_000)
        }
    }

    @Test func aPendingApplicationCannotBeSubmittedTwice() async throws {
        try await BillingHarness.run { harness in
            let account = try await harness.register()
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            let twice = await harness.refusal(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            #expect(twice.code == .failedPrecondition)
            #expect(twice.message.contains("still pending"))
        }
    }

    @Test func aRejectionNeedsAReason() async throws {
        try await BillingHarness.run { harness in
            let account = try await harness.register()
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            let refusal = await harness.refusal(
                Billing.rejectApplication, BillingV1.RejectApplicationRequest(accountID: account, reason: "  "), operator: true)
            #expect(refusal.code == .invalidArgument)
            #expect(try await harness.accountDetails(account).application?.status == .pending)
        }
    }

    @Test(arguments: [
        // Fri 15:00 → next Fri 15:00; Sat 10:00 → next Fri 10:00; Wed 12:00 → next Wed 12:00
        (Instant.cst(2020, 1, 3, 15, 0), Instant.cst(2020, 1, 10, 15, 0)),
        (Instant.cst(2020, 1, 4, 10, 0), Instant.cst(2020, 1, 10, 10, 0)),
        (Instant.cst(2020, 1, 1, 12, 0), Instant.cst(2020, 1, 8, 12, 0)),
    ])
    func theDecisionIsDueFiveWorkingDaysAfterSubmission(submitted: Instant, due: Instant) async throws {
        try await BillingHarness.run { harness in
            // Given an enterprise applying at `submitted`
            harness.clock.set(submitted)
            let account = try await harness.register()
            // When it applies
            let response: BillingV1.ApplyForFormalServiceResponse = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: account)
            // Then the answer is promised by `due`, on the response, the account and the operators' list
            #expect(response.application?.decisionDueMs == due.ms)
            #expect(try await harness.accountDetails(account).application?.decisionDueMs == due.ms)
            let list: BillingV1.ListApplicationsResponse = try await harness.call(
                Billing.listApplications, BillingV1.ListApplicationsRequest(status: .pending), operator: true)
            #expect(list.applications.map { $0.application?.decisionDueMs } == [due.ms])
        }
    }

    @Test func operatorsListEachAccountsLatestApplicationByStatus() async throws {
        try await BillingHarness.run { harness in
            // Given one approved, one pending and one rejected-then-reapplied account
            let approved = try await harness.approvedEnterprise(name: "A")
            harness.clock.advance(by: .minutes(1))
            let pending = try await harness.register(.enterprise, name: "B")
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: pending)
            harness.clock.advance(by: .minutes(1))
            let reapplied = try await harness.register(.enterprise, name: "C")
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: reapplied)
            _ = try await harness.call(
                Billing.rejectApplication, BillingV1.RejectApplicationRequest(accountID: reapplied, reason: "incomplete"), operator: true)
            harness.clock.advance(by: .minutes(1))
            _ = try await harness.call(
                Billing.applyForFormalService, BillingV1.ApplyForFormalServiceRequest(), as: reapplied)
            // When an operator lists pending applications, one per page
            let first: BillingV1.ListApplicationsResponse = try await harness.call(
                Billing.listApplications, BillingV1.ListApplicationsRequest(status: .pending, pageSize: 1), operator: true)
            let second: BillingV1.ListApplicationsResponse = try await harness.call(
                Billing.listApplications,
                BillingV1.ListApplicationsRequest(status: .pending, pageSize: 1, pageToken: first.nextPageToken), operator: true)
            // Then the two pending ones come oldest first, and the rejected history is not listed
            #expect(first.applications.map { $0.account?.accountID } == [pending])
            #expect(second.applications.map { $0.account?.accountID } == [reapplied])
            #expect(second.nextPageToken == "")
            let all: BillingV1.ListApplicationsResponse = try await harness.call(
                Billing.listApplications, BillingV1.ListApplicationsRequest(), operator: true)
            #expect(all.applications.map { $0.account?.accountID } == [approved, pending, reapplied])
        }
    }

    @Test func operatorsListEveryAccountWithItsApplicationFeeAndSpending() async throws {
        try await BillingHarness.run { harness in
            // Given a paying enterprise and an individual
            let paying = try await harness.approvedEnterprise(name: "A")
            _ = try await harness.buyFee(paying)
            harness.clock.advance(by: .minutes(1))
            let individual = try await harness.register(.individual, name: "Wang")
            // When an operator lists the accounts
            let list: BillingV1.ListAccountsResponse = try await harness.call(Billing.listAccounts, BillingV1.ListAccountsRequest(), operator: true)
            // Then both appear, oldest first, with what GetAccount shows
            #expect(list.accounts.map { $0.account?.accountID } == [paying, individual])
            #expect(list.accounts[0].fee?.activeUntilMs == Instant.cst(2020, 12, 31, 12, 0).ms)
            #expect(list.accounts[0].orders?.totalSpentFen == 14_000_000)
            #expect(list.accounts[1].application == nil)
            #expect(list.accounts[1].account?.kind == .individual)
        }
    }
}
