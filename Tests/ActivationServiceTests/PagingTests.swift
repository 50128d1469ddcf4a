import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

/// README "Calls": every list method pages one way — page_size 0 means 50, at most 500,
/// keyset tokens the service issued; a token it did not issue for that listing (that account,
/// that filter) is INVALID_ARGUMENT.
@Suite struct PagingTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    /// One list method, called with a page size and a token.
    struct Listing: Sendable, CustomTestStringConvertible {
        let name: String
        /// Lists with the page size and token; returns the ids listed and the next token.
        let list: @Sendable (ActivationHarness, UInt32, String) async throws -> (ids: [String], next: String)

        var testDescription: String { name }

        static let all = [
            Listing(name: "ListCodes") { service, size, token in
                let page = try await service.customer.listCodes(
                    .init(pageSize: size, pageToken: token), metadata: ActivationHarness.caller("acc_A"))
                return (page.codes.map(\.codeID), page.nextPageToken)
            },
            Listing(name: "ListAccountCodes") { service, size, token in
                let page = try await service.operators.listAccountCodes(
                    .init(accountID: "acc_A", pageSize: size, pageToken: token))
                return (page.codes.map(\.codeID), page.nextPageToken)
            },
            Listing(name: "ListPendingExpansions") { service, size, token in
                let page = try await service.operators.listPendingExpansions(.init(pageSize: size, pageToken: token))
                return (page.expansions.map(\.ticketID), page.nextPageToken)
            },
            Listing(name: "ListPendingExpansions of one account") { service, size, token in
                let page = try await service.operators.listPendingExpansions(
                    .init(accountID: "acc_A", pageSize: size, pageToken: token))
                return (page.expansions.map(\.ticketID), page.nextPageToken)
            },
        ]
    }

    /// Account A with 3 codes and 3 pending expansions; account B with 1 code and 1 pending expansion.
    static func given(_ service: ActivationHarness) async throws {
        try await service.reportCodes("acc_A", quantity: 3, issuedAt: purchase)
        try await service.reportCodes("acc_B", quantity: 1, issuedAt: purchase)
        let codeA = try #require(try await service.codes(of: "acc_A").first)
        let codeB = try #require(try await service.codes(of: "acc_B").first)
        for ticket in ["tkt_A1", "tkt_A2", "tkt_A3"] {
            try await service.reportExpansionPaid("acc_A", ticket: ticket, code: codeA.codeID, groups: 1)
        }
        try await service.reportExpansionPaid("acc_B", ticket: "tkt_B1", code: codeB.codeID, groups: 1)
    }

    @Test(arguments: Listing.all)
    func pagesFollowOneAnotherWithoutGapsOrRepeats(_ listing: Listing) async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            try await Self.given(service)
            let whole = try await listing.list(service, 0, "")
            #expect(whole.next.isEmpty)
            // When listed one row at a time
            var paged: [String] = []
            var token = ""
            repeat {
                let page = try await listing.list(service, 1, token)
                #expect(page.ids.count <= 1)
                paged += page.ids
                token = page.next
            } while !token.isEmpty
            // Then the pages hold the whole listing, in order, each row once
            #expect(paged == whole.ids)
            #expect(!paged.isEmpty)
        }
    }

    @Test(arguments: Listing.all)
    func forgedPageTokensAreRefused(_ listing: Listing) async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            try await Self.given(service)
            let issued = try await listing.list(service, 1, "")
            let position = try #require(PagePosition(token: issued.next))
            // Given tokens this service did not issue for this listing: one that decodes but
            // names no row, the old "key:id" form, garbage, and a real row's id with another key
            for forged in [
                PagePosition(key: 0, id: "x").token, "0:x", "garbage",
                PagePosition(key: position.key + 1, id: position.id).token,
                PagePosition(key: position.key, secondKey: 1, id: position.id).token,
            ] {
                // When listed from it, Then INVALID_ARGUMENT, quoting the token
                await expectRefusal(.invalidArgument, "page_token", "is not one this service issued") {
                    try await listing.list(service, 1, forged)
                }
            }
            // And the token issued goes on
            #expect(try await listing.list(service, 1, issued.next).ids.count == 1)
        }
    }

    @Test func aTokenOfAnotherAccountsListingIsRefused() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            try await Self.given(service)
            // Given tokens issued for account B's listings
            try await service.reportCodes("acc_B", quantity: 1, issuedAt: Self.purchase)
            let codesOfB = try await service.operators.listAccountCodes(.init(accountID: "acc_B", pageSize: 1))
            #expect(!codesOfB.nextPageToken.isEmpty)
            // (the unfiltered pending listing, tkt_A1…tkt_A3 then tkt_B1, issues this token after tkt_B1)
            let afterTicketOfB = PagePosition(key: Self.purchase.unixMilliseconds, id: "tkt_B1").token
            // When account A pages its codes with B's token, Then INVALID_ARGUMENT (customer and operator alike)
            await expectRefusal(.invalidArgument, "is not one this service issued") {
                try await service.customer.listCodes(
                    .init(pageToken: codesOfB.nextPageToken), metadata: ActivationHarness.caller("acc_A"))
            }
            await expectRefusal(.invalidArgument, "is not one this service issued") {
                try await service.operators.listAccountCodes(.init(accountID: "acc_A", pageToken: codesOfB.nextPageToken))
            }
            // When A's pending expansions are paged from a position of B's ticket, Then INVALID_ARGUMENT,
            // while the unfiltered listing accepts it
            await expectRefusal(.invalidArgument, "is not one this service issued") {
                try await service.operators.listPendingExpansions(.init(accountID: "acc_A", pageToken: afterTicketOfB))
            }
            #expect(try await service.operators.listPendingExpansions(.init(pageToken: afterTicketOfB)).expansions.isEmpty)
        }
    }

    @Test(arguments: Listing.all)
    func pageSizesAbove500AreRefusedAnd500IsAccepted(_ listing: Listing) async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            try await Self.given(service)
            // When asked for 501 rows, Then INVALID_ARGUMENT naming the limit
            await expectRefusal(.invalidArgument, "page_size must be at most 500 (got 501)") {
                try await listing.list(service, 501, "")
            }
            // When asked for 500 (or 0: 50), Then the page comes
            #expect(try await listing.list(service, 500, "").ids.count >= 1)
            #expect(try await listing.list(service, 0, "").ids.count >= 1)
        }
    }

    @Test func aTicketAppliedSinceItsPageWasListedStillNamesItsPlace() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            try await Self.given(service)
            // Given the first page of pending expansions, one row: tkt_A1
            let first = try await service.operators.listPendingExpansions(.init(pageSize: 1))
            let listed = try #require(first.expansions.first?.ticketID)
            // When an operator applies that ticket before the next page is asked for
            _ = try await service.operators.applyExpansion(.init(ticketID: listed))
            // Then the next page still comes, from after that ticket
            let rest = try await service.operators.listPendingExpansions(.init(pageToken: first.nextPageToken))
            #expect(!rest.expansions.isEmpty && !rest.expansions.map(\.ticketID).contains(listed))
            #expect(rest.expansions.count == 3)
        }
    }
}
