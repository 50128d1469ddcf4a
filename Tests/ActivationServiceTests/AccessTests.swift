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
            let byId = await expectRefusal(.notFound) { try await service.code(foreign.codeId, of: "acc_A") }
            let unknown = await expectRefusal(.notFound) { try await service.code("code_UNKNOWN", of: "acc_A") }
            #expect(byId == unknown.replacingOccurrences(of: "code_UNKNOWN", with: foreign.codeId))
            // When A binds it by its text, Then NOT_FOUND, and B's code stays unbound
            let byText = await expectRefusal(.notFound) { try await service.bind("acc_A", foreign.code) }
            #expect(!byText.contains(foreign.code))
            #expect(try await service.code(foreign.codeId, of: "acc_B").binding == nil)
            // And A's list holds only A's code
            #expect(try await service.codes(of: "acc_A").map(\.accountId) == ["acc_A"])
            // And room-session forwarding A's account id cannot authorize B's code
            try await service.bind("acc_B", foreign.code)
            await expectRefusal(.notFound) {
                try await service.operatorClient.call(
                    ActivationMethods.authorizeBroadcast,
                    AuthorizeBroadcastRequest(code: foreign.code, deviceId: "dev-1", wechatOpenid: "wx-1"),
                    metadata: ActivationHarness.caller("acc_A"), as: AuthorizeBroadcastResponse.self)
            }
        }
    }

    @Test func operatorMethodsAreDeniedOnThePublicSocket() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let customer = service.customer
            let caller = ActivationHarness.caller("acc_A")
            await expectRefusal(.permissionDenied) {
                try await customer.call(ActivationMethods.applyExpansion, ApplyExpansionRequest(ticketId: "tkt_1"),
                                        metadata: caller, as: ApplyExpansionResponse.self)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.call(ActivationMethods.listPendingExpansions, ListPendingExpansionsRequest(),
                                        metadata: caller, as: ListExpansionsResponse.self)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.call(ActivationMethods.listAccountCodes, ListAccountCodesRequest(accountId: "acc_B"),
                                        metadata: caller, as: ListCodesResponse.self)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.call(ActivationMethods.getOutboxStatus, GetOutboxStatusRequest(),
                                        metadata: caller, as: OutboxStatusMessage.self)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.call(
                    ActivationMethods.deliverBillingEvent,
                    BillingEvent(eventId: "evt-x", accountId: "acc_A", occurredAtMs: Self.purchase,
                                 codesOrdered: CodesOrdered(orderId: "o", kind: .flagship, quantity: 1, addonGroupsPerCode: 0,
                                                            issuedAtMs: Self.purchase, gift: false)),
                    metadata: caller, as: BillingEventAck.self)
            }
            await expectRefusal(.permissionDenied) {
                try await customer.call(
                    ActivationMethods.authorizeBroadcast,
                    AuthorizeBroadcastRequest(code: CodeSecret.generate().text, deviceId: "d", wechatOpenid: "w"),
                    metadata: caller, as: AuthorizeBroadcastResponse.self)
            }
            // And nothing was issued by the refused delivery
            let issued = try await service.codes(of: "acc_A")
            #expect(issued.isEmpty)
        }
    }

    @Test func customerMethodsNeedTheCallersAccountId() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            // Each of the three customer methods, without account-id: UNAUTHENTICATED naming the key
            await expectRefusal(.unauthenticated, "ListCodes", "'account-id'") {
                try await service.customer.call(ActivationMethods.listCodes, ListCodesRequest(), as: ListCodesResponse.self)
            }
            await expectRefusal(.unauthenticated, "GetCode", "'account-id'") {
                try await service.customer.call(ActivationMethods.getCode, GetCodeRequest(codeId: gift.codeId), as: CodeMessage.self)
            }
            await expectRefusal(.unauthenticated, "BindCode", "'account-id'") {
                try await service.customer.call(
                    ActivationMethods.bindCode, BindCodeRequest(code: gift.code, deviceId: "d", wechatOpenid: "w"),
                    as: BindCodeResponse.self)
            }
            // And the code stayed unbound
            #expect(try await service.codes(of: "acc_A").first?.binding == nil)
        }
    }

    @Test func operatorsSeeAnyAccountsCodesWithTheTextMasked() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let (_, gift) = try await service.buyAnnualFee("acc_B")
            let listed: ListCodesResponse = try await service.operatorClient.call(
                ActivationMethods.listAccountCodes, ListAccountCodesRequest(accountId: "acc_B"))
            #expect(listed.codes.map(\.codeId) == [gift.codeId])
            #expect(listed.codes.first?.code == "" && listed.codes.first?.codeMasked == gift.codeMasked)
        }
    }
}
