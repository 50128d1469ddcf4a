import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// RULES §10: customers act on their own codes only (another account's code is NOT_FOUND,
/// exactly like an unknown one); operator methods only on the operator socket.
@Suite struct AccessTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    @Test func anotherAccountsCodeIsNotFoundOnEveryMethodTakingOne() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given account B's code
            let (_, foreign) = try await service.buyAnnualFee("acc_B")
            _ = try await service.buyAnnualFee("acc_A")
            // When A asks for it by id, Then NOT_FOUND with the same words as an unknown id
            let byID = await expectRefusal(.notFound) { try await service.code(foreign.codeID, of: "acc_A") }
            let unknown = await expectRefusal(.notFound) { try await service.code("code_UNKNOWN", of: "acc_A") }
            #expect(byID == unknown.replacingOccurrences(of: "code_UNKNOWN", with: foreign.codeID))
            // When A binds it by its text, Then NOT_FOUND, and B's code stays unbound
            let byText = await expectRefusal(.notFound) { try await service.bind("acc_A", foreign.code) }
            #expect(!byText.contains(foreign.code))
            #expect(try await service.code(foreign.codeID, of: "acc_B").binding == nil)
            // And A's list holds only A's code
            #expect(try await service.codes(of: "acc_A").map(\.accountID) == ["acc_A"])
            // And room-session forwarding A's account id cannot authorize B's code, in the
            // words of an unknown code
            try await service.bind("acc_B", foreign.code)
            let forwarded = await expectRefusal(.notFound) {
                try await service.operators.authorizeBroadcast(
                    .init(code: foreign.code, deviceID: "dev-1", wechatOpenid: "wx-1"), metadata: ActivationHarness.caller("acc_A"))
            }
            let nobodys = CodeSecret.generate()
            let unknownForwarded = await expectRefusal(.notFound) {
                try await service.operators.authorizeBroadcast(
                    .init(code: nobodys.text, deviceID: "dev-1", wechatOpenid: "wx-1"), metadata: ActivationHarness.caller("acc_A"))
            }
            #expect(forwarded == unknownForwarded.replacingOccurrences(of: nobodys.masked, with: foreign.codeMasked))
        }
    }

    @Test func operatorAndPeerMethodsAreDeniedOnThePublicSocket() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let customer = service.customer
            let caller = ActivationHarness.caller("acc_A")
            await expectRefusal(.permissionDenied) {
                try await customer.applyExpansion(.init(ticketID: "tkt_1"), metadata: caller)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.listPendingExpansions(.init(), metadata: caller)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.listAccountCodes(.init(accountID: "acc_B"), metadata: caller)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.getOutboxStatus(.init(), metadata: caller)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.deliverBillingEvent(
                    ActivationHarness.codesEvent("acc_A", issuedAt: Self.purchase, eventID: "evt-x"), metadata: caller)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.authorizeBroadcast(
                    .init(code: CodeSecret.generate().text, deviceID: "d", wechatOpenid: "w"), metadata: caller)
            }
            // And nothing was issued by the refused delivery
            let issued = try await service.codes(of: "acc_A")
            #expect(issued.isEmpty)
        }
    }

    @Test func customerMethodsNeedTheCallersAccountID() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            // Each of the three customer methods, without account-id: UNAUTHENTICATED naming the key
            await expectRefusal(.unauthenticated, "ListCodes", "'account-id'") {
                try await service.customer.listCodes(.init())
            }
            await expectRefusal(.unauthenticated, "GetCode", "'account-id'") {
                try await service.customer.getCode(.init(codeID: gift.codeID))
            }
            await expectRefusal(.unauthenticated, "BindCode", "'account-id'") {
                try await service.customer.bindCode(.init(code: gift.code, deviceID: "d", wechatOpenid: "w"))
            }
            // And the code stayed unbound
            #expect(try await service.codes(of: "acc_A").first?.binding == nil)
        }
    }

    @Test func operatorsSeeAnyAccountsCodesWithTheTextMasked() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let (_, gift) = try await service.buyAnnualFee("acc_B")
            let listed = try await service.operators.listAccountCodes(.init(accountID: "acc_B"))
            #expect(listed.codes.map(\.codeID) == [gift.codeID])
            #expect(listed.codes.first?.code == "" && listed.codes.first?.codeMasked == gift.codeMasked)
        }
    }
}
