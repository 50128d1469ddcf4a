import BillingService
import HuanjuAPI
import HuanjuWire
import Testing

/// Enum numbers this build does not know (a newer client's) are refused by name, INVALID_ARGUMENT
/// naming the enum, the number and the field, before anything is done.
@Suite struct UnknownEnumNumberTests {
    @Test func aCodeKindNumberThisBuildDoesNotKnowIsRefusedByName() async throws {
        try await BillingHarness.run { harness in
            // Given an approved enterprise with the fee
            let account = try await harness.approvedEnterprise()
            _ = try await harness.buyFee(account)
            // When it buys codes of kind 9
            let refusal = await harness.refusal(
                Billing.purchaseCodes, BillingV1.PurchaseCodesRequest(kind: .unrecognized(9), quantity: 1), as: account, key: "k")
            // Then it is INVALID_ARGUMENT naming the number and the field; nothing is bought
            #expect(refusal.code == .invalidArgument)
            #expect(refusal.message.contains("unknown code kind 9 in field kind"))
            #expect(try await harness.orders(account).count == 1)
        }
    }

    @Test func everyRequestEnumRefusesANumberThisBuildDoesNotKnow() async throws {
        try await BillingHarness.run { harness in
            // When each other request enum carries 9
            let register = await harness.refusal(
                Billing.registerAccount, BillingV1.RegisterAccountRequest(kind: .unrecognized(9), displayName: "n", contact: "c"))
            let applications = await harness.refusal(
                Billing.listApplications, BillingV1.ListApplicationsRequest(status: .unrecognized(9)), operator: true)
            let tickets = await harness.refusal(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(state: .unrecognized(9)), operator: true)
            // Then each is refused by name
            #expect(register.code == .invalidArgument)
            #expect(register.message.contains("unknown account kind 9 in field kind"))
            #expect(applications.message.contains("unknown application status 9 in field status"))
            #expect(tickets.message.contains("unknown ticket state 9 in field state"))
            // And no account was registered
            let accounts = try await harness.call(Billing.listAccounts, BillingV1.ListAccountsRequest(), operator: true)
            #expect(accounts.accounts.isEmpty)
        }
    }
}
