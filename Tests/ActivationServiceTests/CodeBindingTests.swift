import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// RULES §5: binding window, one binding for good, validity from the binding.
@Suite struct CodeBindingTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    @Test func aCodeBindsUntilTheMinuteBeforeItsDeadlineAndLapsesAtIt() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given two codes issued 2020-01-01 12:00 (bind before 2020-03-01 12:00) and an active fee
            let (_, first) = try await service.buyAnnualFee("acc_A")
            try await service.reportCodes("acc_A", issuedAt: Self.purchase)
            let second = try #require(try await service.codes(of: "acc_A").first { $0.codeID != first.codeID })
            // When the first is bound at 11:59 on the deadline day
            service.clock.set(Instant.cst(2020, 3, 1, 11, 59))
            let bound = try await service.bind("acc_A", first.code)
            // Then it is bound
            #expect(bound.newlyBound)
            #expect(bound.code?.status == .active)
            // When the second is bound at 12:00 sharp
            service.clock.set(Instant.cst(2020, 3, 1, 12, 0))
            let message = await expectRefusal(.failedPrecondition) { try await service.bind("acc_A", second.code) }
            // Then it has LAPSED, and the message names the deadline (and the code only masked)
            #expect(message.contains("lapsed"))
            #expect(message.contains("2020-03-01 12:00 CST"))
            #expect(message.contains(second.codeMasked) && !message.contains(second.code))
            #expect(try await service.code(second.codeID, of: "acc_A").status == .lapsed)
        }
    }

    @Test func aCodeBoundOnFebruaryFirstIsValidUntilJanuaryThirtyFirst() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given gift code A of 2020-01-01 12:00 (RULES §11)
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            // When it is bound on 2020-02-01 10:00 to a device and WeChat id
            service.clock.set(Instant.cst(2020, 2, 1, 10, 0))
            let response = try await service.bind("acc_A", gift.code, device: "phone-7", wechat: "wx-openid-7")
            // Then it is ACTIVE, bound to that pair, valid until 2021-01-31 10:00
            let code = try #require(response.code)
            #expect(code.status == .active)
            #expect(code.binding == ActivationV1.CodeBinding(
                deviceID: "phone-7", wechatOpenid: "wx-openid-7", boundAtMs: Instant.cst(2020, 2, 1, 10, 0).unixMilliseconds))
            #expect(code.validUntilMs == Instant.cst(2021, 1, 31, 10, 0).unixMilliseconds)
            // And GetCode says the same
            #expect(try await service.code(gift.codeID, of: "acc_A").validUntilMs == Instant.cst(2021, 1, 31, 10, 0).unixMilliseconds)
        }
    }

    @Test func bindingTheSamePairAgainSucceedsAndAnotherPairIsRefused() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given a code bound to (dev-1, wx-1)
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            try await service.bind("acc_A", gift.code, device: "dev-1", wechat: "wx-1")
            service.clock.advance(by: .days(3))
            // When the same pair binds it again, typed in lower case without hyphens
            let again = try await service.bind(
                "acc_A", gift.code.lowercased().replacingOccurrences(of: "-", with: ""), device: "dev-1", wechat: "wx-1")
            // Then it is an idempotent success: nothing changes
            #expect(!again.newlyBound)
            #expect(again.code?.binding?.boundAtMs == Self.purchase.unixMilliseconds)
            // When another pair tries, Then it is refused
            let message = await expectRefusal(.failedPrecondition) {
                try await service.bind("acc_A", gift.code, device: "dev-2", wechat: "wx-1")
            }
            #expect(message.contains("already bound"))
            #expect(try await service.code(gift.codeID, of: "acc_A").binding?.deviceID == "dev-1")
        }
    }

    @Test func bindingNeedsBothIdsAndAnActiveFee() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given a code ordered but no fee schedule reported (or one that has ended)
            try await service.reportCodes("acc_A", issuedAt: Self.purchase)
            let code = try #require(try await service.codes(of: "acc_A").first)
            // When bound without a WeChat id, Then INVALID_ARGUMENT
            let missing = await expectRefusal(.invalidArgument) { try await service.bind("acc_A", code.code, wechat: " ") }
            #expect(missing.contains("WeChat"))
            // When bound while the fee is not active, Then FAILED_PRECONDITION saying to renew
            let inactive = await expectRefusal(.failedPrecondition) { try await service.bind("acc_A", code.code) }
            #expect(inactive.contains("annual fee is not active"))
            #expect(try await service.code(code.codeID, of: "acc_A").status == .unbound)
        }
    }
}
