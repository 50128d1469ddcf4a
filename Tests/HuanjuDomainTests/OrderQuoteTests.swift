import HuanjuDomain
import Testing

@Suite("RULES §3 — money")
struct OrderQuoteTests {
    @Test func catalogListPricesAreIntegerFen() {
        // Given the published catalog
        let catalog = Catalog.list
        // Then every price is in fen (1 CNY = 100 fen)
        #expect(catalog.annualFee == Fen.yuan(140_000))
        #expect(catalog.annualFee.rawValue == 14_000_000)
        #expect(catalog.flagshipCode.rawValue == 6_500_000)
        #expect(catalog.standardCode.rawValue == 900_000)
        #expect(catalog.addOnGroup.rawValue == 1_000_000)
        #expect(catalog.price(of: .flagship) == catalog.flagshipCode)
        #expect(catalog.price(of: .standard) == catalog.standardCode)
    }

    @Test func amountsAreShownAsCnyWithThousandsSeparators() {
        // Given amounts in fen / When shown / Then as CNY with two decimals
        #expect(Fen(14_000_000).description == "140,000.00 CNY")
        #expect(Fen(5).description == "0.05 CNY")
        #expect(Fen(-123_456).description == "-1,234.56 CNY")
        #expect(Fen(100_000_000_000).description == "1,000,000,000.00 CNY")
    }

    @Test func addOnsAreSoldOnlyInGroupsOfOneHundredViewers() throws {
        // Given extra viewers wanted
        // When converted to groups / Then multiples of 100 convert
        #expect(try ConcurrencyAddOn.groups(forViewers: 0) == 0)
        #expect(try ConcurrencyAddOn.groups(forViewers: 200) == 2)
        #expect(try ConcurrencyAddOn.groups(forViewers: 10_000) == 100)
        // And 150 is refused, saying groups of 100 and the nearest amounts
        expectDomainError(.invalidArgument, "groups of 100", "100 or 200") {
            _ = try ConcurrencyAddOn.groups(forViewers: 150)
        }
        expectDomainError(.invalidArgument) { _ = try ConcurrencyAddOn.groups(forViewers: -100) }
        expectDomainError(.invalidArgument, "10,000") { _ = try ConcurrencyAddOn.groups(forViewers: 1_000_100) }
    }

    @Test func annualFeeOrderChargesTheFeeAndGivesAFlagshipCodeFree() throws {
        // Given the catalog
        // When the annual fee is quoted
        let quote = try PurchaseRequest.annualFee.quote(.list)
        // Then one line charges 140,000 CNY and a second gives a Flagship code at 0 fen
        #expect(quote.lines == [
            try OrderLine(item: .annualFee, quantity: 1, unitPrice: 14_000_000),
            try OrderLine(item: .giftFlagshipCode, quantity: 1, unitPrice: 0),
        ])
        #expect(quote.total == 14_000_000)
    }

    @Test func codeOrderChargesEachCodeAndItsAddOnGroups() throws {
        // Given 3 Flagship codes with 2 add-on groups each
        // When quoted
        let flagship = try PurchaseRequest.codes(kind: .flagship, quantity: 3, addOnGroupsPerCode: 2).quote()
        // Then a code line 3 × 65,000 CNY and an add-on line 6 groups × 10,000 CNY
        #expect(flagship.lines == [
            try OrderLine(item: .flagshipCode, quantity: 3, unitPrice: 6_500_000),
            try OrderLine(item: .concurrencyAddOn, quantity: 6, unitPrice: 1_000_000),
        ])
        #expect(flagship.lines.map(\.total) == [19_500_000, 6_000_000])
        #expect(flagship.total == 25_500_000)
        // And Standard codes without add-ons have no add-on line
        let standard = try OrderQuote.codes(kind: .standard, quantity: 2, addOnGroupsPerCode: 0)
        #expect(standard.lines == [try OrderLine(item: .standardCode, quantity: 2, unitPrice: 900_000)])
        #expect(standard.total == 1_800_000)
    }

    @Test func expansionCostsGroupsTimesTheGroupPrice() throws {
        // Given an expansion of 10,000 viewers (100 groups)
        // When quoted / Then 100 × 10,000 CNY = 1,000,000 CNY
        let quote = try PurchaseRequest.expansion(groups: 100).quote()
        #expect(quote.lines == [try OrderLine(item: .expansion, quantity: 100, unitPrice: 1_000_000)])
        #expect(quote.total == Fen.yuan(1_000_000))
    }

    @Test func orderLinesKeepTheUnitPriceOfTheirDay() throws {
        // Given a quote at list price and a later, dearer catalog
        let before = try OrderQuote.codes(kind: .standard, quantity: 1, addOnGroupsPerCode: 1)
        var later = Catalog.list
        later.standardCode = 1_000_000
        // When the same request is quoted at the new prices
        let after = try OrderQuote.codes(kind: .standard, quantity: 1, addOnGroupsPerCode: 1, catalog: later)
        // Then the earlier lines still carry their own unit price
        #expect(before.lines[0].unitPrice == 900_000)
        #expect(after.lines[0].unitPrice == 1_000_000)
    }

    @Test func orderQuantitiesOutsideTheLimitsAreRefused() {
        // Given requests outside 1…100 codes, 0…10,000 add-on groups, 1…10,000 expansion groups
        // When quoted / Then each is refused as an invalid argument naming the bounds
        expectDomainError(.invalidArgument, "between 1 and 100") {
            _ = try OrderQuote.codes(kind: .flagship, quantity: 0, addOnGroupsPerCode: 0)
        }
        expectDomainError(.invalidArgument, "between 1 and 100") {
            _ = try OrderQuote.codes(kind: .flagship, quantity: 101, addOnGroupsPerCode: 0)
        }
        expectDomainError(.invalidArgument, "10,000") {
            _ = try OrderQuote.codes(kind: .flagship, quantity: 1, addOnGroupsPerCode: 10_001)
        }
        expectDomainError(.invalidArgument, "groups of 100") {
            _ = try OrderQuote.codes(kind: .standard, quantity: 1, addOnGroupsPerCode: -1)
        }
        expectDomainError(.invalidArgument, "between 1 and 10,000") { _ = try OrderQuote.expansion(groups: 0) }
        expectDomainError(.invalidArgument) { _ = try OrderQuote.expansion(groups: 10_001) }
        // And the largest allowed order still prices exactly
        #expect((try? OrderQuote.codes(kind: .flagship, quantity: 100, addOnGroupsPerCode: 10_000))?.total
            == Fen(100 * 6_500_000 + 100 * 10_000 * 1_000_000))
    }

    @Test func arithmeticOnAmountsNeverOverflowsSilently() {
        // Given amounts near the limit of Int64
        // When added or multiplied past it / Then outOfRange is thrown instead of wrapping or trapping
        expectDomainError(.outOfRange, "too large") { _ = try Fen(.max).adding(1) }
        expectDomainError(.outOfRange) { _ = try Fen(Int64.max / 2).multiplied(by: 3) }
        let absurd = Catalog(annualFee: Fen(.max), flagshipCode: Fen(.max), standardCode: 1, addOnGroup: Fen(.max))
        expectDomainError(.outOfRange) { _ = try OrderQuote.codes(kind: .flagship, quantity: 2, addOnGroupsPerCode: 0, catalog: absurd) }
        expectDomainError(.outOfRange) { _ = try OrderQuote.codes(kind: .standard, quantity: 1, addOnGroupsPerCode: 1, catalog: absurd) }
    }

    @Test func purchasesAreNonRefundable() {
        // Given any refund or cancellation request
        for request in RefundPolicy.Request.allCases {
            // When it is answered / Then it is refused as a broken rule saying purchases are non-refundable
            let error = RefundPolicy.refusal(of: request, order: "42")
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("purchases are non-refundable"))
            #expect(error.message.contains("order 42"))
        }
    }

    @Test func retryWithTheSameIdempotencyKeyMustRepeatTheRequest() throws {
        // Given an order placed with a key
        let original = PurchaseRequest.codes(kind: .flagship, quantity: 1, addOnGroupsPerCode: 2)
        // When the same request is retried / Then it is accepted (the service returns the original order)
        try PurchaseRequest.checkRetry(key: "k-1", original: original, retry: original)
        // When a different request reuses the key / Then it is refused
        expectDomainError(.failedPrecondition, "k-1", "different purchase") {
            try PurchaseRequest.checkRetry(
                key: "k-1", original: original, retry: .codes(kind: .flagship, quantity: 1, addOnGroupsPerCode: 3))
        }
    }
}
