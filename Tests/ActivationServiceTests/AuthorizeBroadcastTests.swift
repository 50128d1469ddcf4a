import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// RULES §7: starting a broadcast needs the code's bound device and WeChat id and a usable
/// code; the session learns the capacity and until when at the latest.
@Suite struct AuthorizeBroadcastTests {
    static let purchase = Instant.cst(2020, 1, 1, 12, 0)

    @Test func theBoundPairIsAuthorizedWithCapacityValidityAndFeeEnd() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given code A bound 2020-02-01 12:00 to (dev-1, wx-1) under a fee until 2020-12-31 12:00
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            service.clock.set(Instant.cst(2020, 2, 1, 12, 0))
            try await service.bind("acc_A", gift.code, device: "dev-1", wechat: "wx-1")
            // When room-session asks on 2020-06-01 for that pair
            service.clock.set(Instant.cst(2020, 6, 1, 20, 0))
            let answer = try await service.authorize(gift.code, device: "dev-1", wechat: "wx-1")
            // Then it is authorized with the code's capacity, validity end and the fee's end
            #expect(answer == ActivationV1.AuthorizeBroadcastResponse(
                codeID: gift.codeID, accountID: "acc_A", capacity: 20_000,
                codeValidUntilMs: Instant.cst(2021, 1, 31, 12, 0).unixMilliseconds,
                feeActiveUntilMs: Instant.cst(2020, 12, 31, 12, 0).unixMilliseconds))
        }
    }

    @Test func anotherWeChatIDIsDeniedAndASuspendedCodeIsRefused() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given code A bound on 2020-02-01 to (dev-1, wx-1), valid until 2021-01-31
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            service.clock.set(Instant.cst(2020, 2, 1, 12, 0))
            try await service.bind("acc_A", gift.code, device: "dev-1", wechat: "wx-1")
            // When another WeChat id asks, Then PERMISSION_DENIED
            let denied = await expectRefusal(.permissionDenied) {
                try await service.authorize(gift.code, device: "dev-1", wechat: "wx-other")
            }
            #expect(denied.contains(gift.codeMasked) && !denied.contains(gift.code))
            // When the fee has lapsed (2021-01-01), Then FAILED_PRECONDITION naming the suspension
            service.clock.set(Instant.cst(2021, 1, 1, 0, 0))
            let suspended = await expectRefusal(.failedPrecondition) { try await service.authorize(gift.code) }
            #expect(suspended.contains("suspended"))
        }
    }

    @Test func aMistypedUnknownOrUnboundCodeIsRefused() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            // Given a typo in the last symbol: INVALID_ARGUMENT
            var typo = Array(gift.code)
            typo[typo.count - 1] = typo[typo.count - 1] == "0" ? "1" : "0"
            let mistyped = await expectRefusal(.invalidArgument) { try await service.authorize(String(typo)) }
            #expect(mistyped.contains("typo"))
            // A well-formed code nobody holds: NOT_FOUND
            await expectRefusal(.notFound) { try await service.authorize(CodeSecret.generate().text) }
            // The real code, not yet bound: FAILED_PRECONDITION
            let unbound = await expectRefusal(.failedPrecondition) { try await service.authorize(gift.code) }
            #expect(unbound.contains("not bound"))
        }
    }

    @Test func withTheHostsAccountIDTheOwnCodeIsAuthorizedAndAForeignOneIsUnknown() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.purchase)) { service in
            // Given A's and B's codes, both bound to (dev-1, wx-1)
            let (_, own) = try await service.buyAnnualFee("acc_A")
            let (_, foreign) = try await service.buyAnnualFee("acc_B")
            try await service.bind("acc_A", own.code)
            try await service.bind("acc_B", foreign.code)
            let hostA = ActivationHarness.caller("acc_A")
            // When room-session forwards A's account id with A's code, Then it is authorized
            let answer = try await service.operators.authorizeBroadcast(
                .init(code: own.code, deviceID: "dev-1", wechatOpenid: "wx-1"), metadata: hostA)
            #expect(answer.codeID == own.codeID && answer.accountID == "acc_A")
            // When it forwards A's account id with B's code, Then NOT_FOUND in the words of an
            // unknown code of the account, naming the code only masked
            let refused = await expectRefusal(.notFound, "this account holds no activation code \(foreign.codeMasked)") {
                try await service.operators.authorizeBroadcast(
                    .init(code: foreign.code, deviceID: "dev-1", wechatOpenid: "wx-1"), metadata: hostA)
            }
            #expect(!refused.contains(foreign.code))
        }
    }
}
