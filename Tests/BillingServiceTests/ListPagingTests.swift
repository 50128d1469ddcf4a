import BillingService
import Foundation
import HuanjuAPI
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

/// One pager for every list method (README, "Calls"): page_size 0 → 50, at most 500; tokens
/// are opaque and versioned, and one that decodes but names no row of the listing (for that
/// account and filter) is refused like one that does not decode.
@Suite struct ListPagingTests {
    /// A list method called with a page size and a token, as the caller it needs.
    struct Listing: Sendable, CustomTestStringConvertible {
        let name: String
        let call: @Sendable (BillingHarness, _ account: String, _ size: UInt32, _ token: String) async throws -> Int

        var testDescription: String { name }
    }

    static let listings: [Listing] = [
        Listing(name: "ListOrders") { harness, account, size, token in
            try await harness.call(
                Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: size, pageToken: token), as: account).orders.count
        },
        Listing(name: "ListExpansionTickets") { harness, account, size, token in
            try await harness.call(
                Billing.listExpansionTickets, BillingV1.ListExpansionTicketsRequest(pageSize: size, pageToken: token),
                as: account).tickets.count
        },
        Listing(name: "ListApplications") { harness, _, size, token in
            try await harness.call(
                Billing.listApplications, BillingV1.ListApplicationsRequest(pageSize: size, pageToken: token),
                operator: true).applications.count
        },
        Listing(name: "ListAccounts") { harness, _, size, token in
            try await harness.call(
                Billing.listAccounts, BillingV1.ListAccountsRequest(pageSize: size, pageToken: token), operator: true).accounts.count
        },
        Listing(name: "ListAllExpansionTickets") { harness, _, size, token in
            try await harness.call(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(pageSize: size, pageToken: token),
                operator: true).tickets.count
        },
    ]

    /// An approved enterprise with the fee bought and a ticket opened: a row in every listing.
    static func customerWithARowEverywhere(_ harness: BillingHarness) async throws -> String {
        let account = try await harness.approvedEnterprise()
        _ = try await harness.buyFee(account)
        harness.codes.put("code_A", account: account, status: .active)
        _ = try await harness.call(Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_A", groups: 1), as: account)
        return account
    }

    @Test(arguments: listings)
    func aForgedOrOldStyleTokenIsRefused(listing: Listing) async throws {
        try await BillingHarness.run { harness in
            // Given an account with a row in the listing
            let account = try await Self.customerWithARowEverywhere(harness)
            // When the listing is asked for with a token that decodes but names no row, or in the old form
            for token in [PagePosition(key: 0, id: "x").token, "0:x", "nonsense"] {
                let refusal = await refusal { try await listing.call(harness, account, 0, token) }
                // Then it is INVALID_ARGUMENT, saying the token was not issued here
                #expect(refusal?.code == .invalidArgument, "\(token)")
                #expect(refusal?.message.contains("is not one this service issued") == true, "\(token)")
            }
        }
    }

    @Test(arguments: listings)
    func pageSize501IsRefusedAnd500Accepted(listing: Listing) async throws {
        try await BillingHarness.run { harness in
            let account = try await Self.customerWithARowEverywhere(harness)
            // When 501 rows are asked for, Then it is INVALID_ARGUMENT
            let refusal = await refusal { try await listing.call(harness, account, 501, "") }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.message.contains("page_size must be at most 500") == true)
            // When 500 are, or 0 (50), Then the page comes
            #expect(try await listing.call(harness, account, 500, "") == 1)
            #expect(try await listing.call(harness, account, 0, "") == 1)
        }
    }

    @Test(arguments: listings)
    func aTokenOfThisListingFetchesTheNextPage(listing: Listing) async throws {
        try await BillingHarness.run { harness in
            // Given two rows in the listing (two customers, each with an order, a ticket, an application)
            let first = try await Self.customerWithARowEverywhere(harness)
            harness.clock.advance(by: .minutes(1))
            _ = try await harness.approvedEnterprise(name: "B")
            _ = try await harness.buyFee(first)
            harness.codes.put("code_B", account: first, status: .active)
            _ = try await harness.call(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_B", groups: 1), as: first)
            // When it is read one row per page, Then the token of the first page gives the second
            let token = try await nextToken(listing, harness, first)
            #expect(!token.isEmpty)
            #expect(try await listing.call(harness, first, 1, token) == 1)
        }
    }

    /// The next-page token of a one-row first page.
    private func nextToken(_ listing: Listing, _ harness: BillingHarness, _ account: String) async throws -> String {
        switch listing.name {
        case "ListOrders":
            try await harness.call(Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: 1), as: account).nextPageToken
        case "ListExpansionTickets":
            try await harness.call(
                Billing.listExpansionTickets, BillingV1.ListExpansionTicketsRequest(pageSize: 1), as: account).nextPageToken
        case "ListApplications":
            try await harness.call(Billing.listApplications, BillingV1.ListApplicationsRequest(pageSize: 1), operator: true).nextPageToken
        case "ListAccounts":
            try await harness.call(Billing.listAccounts, BillingV1.ListAccountsRequest(pageSize: 1), operator: true).nextPageToken
        default:
            try await harness.call(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(pageSize: 1), operator: true).nextPageToken
        }
    }

    @Test func anOrdersTokenOfAnotherAccountIsRefused() async throws {
        try await BillingHarness.run { harness in
            // Given A with two orders, and B with one
            let a = try await harness.approvedEnterprise(name: "A")
            let b = try await harness.approvedEnterprise(name: "B")
            _ = try await harness.buyFee(a)
            _ = try await harness.buyFee(a)
            _ = try await harness.buyFee(b)
            let tokenOfA = try await harness.call(Billing.listOrders, BillingV1.ListOrdersRequest(pageSize: 1), as: a).nextPageToken
            // When B pages with A's token
            let refusal = await harness.refusal(Billing.listOrders, BillingV1.ListOrdersRequest(pageToken: tokenOfA), as: b)
            // Then it is refused: the token names no order of B's
            #expect(refusal.code == .invalidArgument)
            #expect(try await harness.call(Billing.listOrders, BillingV1.ListOrdersRequest(pageToken: tokenOfA), as: a).orders.count == 1)
        }
    }

    @Test func aTicketTokenIsRefusedUnderAnotherStateFilter() async throws {
        try await BillingHarness.run { harness in
            // Given two tickets waiting for review
            let account = try await Self.customerWithARowEverywhere(harness)
            harness.clock.advance(by: .minutes(1))
            _ = try await harness.call(
                Billing.openExpansionTicket, BillingV1.OpenExpansionTicketRequest(codeID: "code_A", groups: 2), as: account)
            let token = try await harness.call(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(state: .pendingReview, pageSize: 1),
                operator: true).nextPageToken
            // When the token is used with another state filter, Then it is refused; with its own, it pages
            let refusal = await harness.refusal(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(state: .paid, pageToken: token), operator: true)
            #expect(refusal.code == .invalidArgument)
            let next = try await harness.call(
                Billing.listAllExpansionTickets, BillingV1.ListAllExpansionTicketsRequest(state: .pendingReview, pageToken: token),
                operator: true)
            #expect(next.tickets.count == 1)
        }
    }
}
