import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Input an outsider sends over the sockets (issue: hardening). Each was accepted once.
@Suite(.serialized) struct HardeningInputTests {
    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func anAccountIdWithANULIsRefusedNotServedAsThePrefix() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let owner = try await system.registered(.enterprise, "owner")
            // Given "<A's id>\0evil" as account-id
            let envelope = ProtoBytes.request(
                method: Self.bytes(BillingV1.BillingService.Method.getAccount.name),
                metadata: [(Self.bytes("account-id"), Self.bytes(owner.accountID) + [0] + Self.bytes("evil"))])
            // Then the call is INVALID_ARGUMENT, not served as A
            let answer = try #require(try await system.rawCall("billing", envelope: envelope))
            #expect(answer.status == .invalidArgument)
            #expect(answer.message.contains("field metadata[0].value contains a NUL byte"))
            #expect(answer.payload.isEmpty)
        }
    }

    @Test func idempotencyKeysThatDifferAfterANULAreRefusedNotMerged() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let customer = try await system.approvedEnterprise("keys")
            for suffix in ["first", "second"] {
                let envelope = ProtoBytes.request(
                    method: Self.bytes(BillingV1.BillingService.Method.purchaseAnnualFee.name),
                    metadata: [(Self.bytes("account-id"), Self.bytes(customer.accountID)),
                               (Self.bytes("idempotency-key"), Self.bytes("K") + [0] + Self.bytes(suffix))])
                let answer = try #require(try await system.rawCall("billing", envelope: envelope))
                #expect(answer.status == .invalidArgument, "K\\0\(suffix)")
            }
            // And nothing was bought
            #expect(try await customer.account().orders?.orderCount == 0)
        }
    }

    @Test func aMethodNameWithANULIsRefused() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let envelope = ProtoBytes.request(method: Self.bytes(HealthV1.HealthService.Method.check.name) + [0] + Self.bytes("junk"))
            let answer = try #require(try await system.rawCall("billing", envelope: envelope))
            #expect(answer.status == .invalidArgument)
            #expect(answer.message.contains("field method contains a NUL byte"))
        }
    }

    @Test func aMetadataKeyNamedTwiceInAnySpellingIsRefused() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let first = try await system.registered(.enterprise, "first")
            let second = try await system.registered(.enterprise, "second")
            // Given a gateway that appends its own account-id after the client's
            let envelope = ProtoBytes.request(
                method: BillingV1.BillingService.Method.getAccount.name, metadata: [("account_id", first.accountID), ("account-id", second.accountID)])
            let answer = try #require(try await system.rawCall("billing", envelope: envelope))
            #expect(answer.status == .invalidArgument)
            #expect(answer.message.contains("metadata key 'account-id' is sent more than once"))
        }
    }

    @Test func stringsAreLimitedInBytesNotCharacters() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let before = try DatabaseContents.read("\(system.dataDirectory)/billing.sqlite")
            // A display name of one "character": "a" and 524,287 combining accents (1 MB)
            let combining = "a" + String(repeating: "\u{301}", count: 524_287)
            #expect(combining.count == 1)
            await expectRefusal(.invalidArgument, "field display_name is 1048575 bytes long; at most 600 bytes") {
                try await system.billing().registerAccount(
                    BillingV1.RegisterAccountRequest(kind: .enterprise, displayName: combining, contact: "c"))
            }
            // 200 Chinese characters (600 bytes) fit
            let longest = try await system.billing().registerAccount(
                BillingV1.RegisterAccountRequest(kind: .enterprise, displayName: String(repeating: "欢", count: 200), contact: "c"))
            #expect(longest.account?.displayName.count == 200)
            // And the refused one stored nothing
            let after = try DatabaseContents.read("\(system.dataDirectory)/billing.sqlite")
            #expect(after.tables["accounts"]?.count == (before.tables["accounts"]?.count ?? 0) + 1)
        }
    }

    @Test func aLogLineCannotBeForgedThroughAnAccountId() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let forged = "acc_X\n2026-01-01T00:00:00.000Z info huanju.billing FORGED rpc.status=OK"
            let envelope = ProtoBytes.request(method: BillingV1.BillingService.Method.getAccount.name, metadata: [("account-id", forged)])
            #expect(try await system.rawCall("billing", envelope: envelope)?.status == .invalidArgument)
            // A value a log line shows is escaped, whatever it holds
            let escaped = LineLogHandler.escaped(forged)
            #expect(!escaped.contains("\n"))
            #expect(escaped.hasPrefix("\"acc_X\\n2026"))
            // And no line of the service's log starts with the forged text
            await system.stop("billing")
            #expect(!system.log("billing").split(separator: "\n").contains { $0.hasPrefix("2026-01-01T00:00:00.000Z") })
        }
    }

    @Test func aPeerEventIsCheckedLikeCustomerInput() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            let activation = system.activation(operator: true)
            // Given a BillingEvent carrying 100,000 fee terms
            let day: Int64 = 86_400_000
            let terms = (0..<Int64(100_000)).map { index -> ActivationV1.FeeTerm in
                let start = index * 2 * day
                return ActivationV1.FeeTerm(startMs: start, endMs: start + day)
            }
            let event = ActivationV1.BillingEvent(eventID: "evt-flood", accountID: "acc_1", occurredAtMs: .cst(2020, 1, 1, 12, 0),
                                                  change: .feeTermsChanged(ActivationV1.FeeTermsChanged(terms: terms)))
            // Then it is refused and not applied
            await expectRefusal(.invalidArgument, "field fee_terms_changed.terms has more than 256 elements") {
                try await activation.deliverBillingEvent(event)
            }
            let contents = try DatabaseContents.read("\(system.dataDirectory)/activation.sqlite")
            #expect(contents.tables["inbox"] == [])
        }
    }

    @Test func aRetriedRegistrationWithItsKeyAnswersTheSameAccount() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("billing")
            let billing = system.billing()
            let request = BillingV1.RegisterAccountRequest(kind: .enterprise, displayName: "Acme", contact: "ops@acme.example")
            let key = [MetadataKey.idempotencyKey: "8f14e45f-ceea-467f-a8f8-1c2b3d4e5f60"]
            let first = try await billing.registerAccount(request, metadata: key)
            let retry = try await billing.registerAccount(request, metadata: key)
            #expect(first.replayed == false)
            #expect(retry.replayed == true)
            #expect(retry.account?.accountID == first.account?.accountID)
            // The same key for another registration is refused
            await expectRefusal(.failedPrecondition, "idempotency-key was used for another registration") {
                try await billing.registerAccount(
                    BillingV1.RegisterAccountRequest(kind: .enterprise, displayName: "Other", contact: "o@x"), metadata: key)
            }
            // A guessable key is refused
            await expectRefusal(.invalidArgument, "idempotency-key must be 16–200 bytes long") {
                try await billing.registerAccount(request, metadata: [MetadataKey.idempotencyKey: "1"])
            }
            let accounts = try DatabaseContents.read("\(system.dataDirectory)/billing.sqlite").tables["accounts"]
            #expect(accounts?.count == 1)
        }
    }

    @Test func anotherAccountsCodeCannotStartABroadcastAndIsNotFoundInTheWordsOfAnUnknownCode() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let owner = try await system.approvedEnterprise("owner")
            let intruder = try await system.approvedEnterprise("intruder")
            _ = try await owner.buyAnnualFee(key: "fee")
            _ = try await intruder.buyAnnualFee(key: "fee")
            let codes = try await owner.waitForCodes(1)
            let unbound = codes[0]
            let unknownText = "HJ-0000000000000000000000"
            func start(_ text: String, as customer: Customer, device: String, wechat: String) async -> RPCError? {
                await refusal {
                    try await system.roomSession().startBroadcast(
                        SessionV1.StartBroadcastRequest(code: text, deviceID: device, wechatOpenid: wechat), metadata: customer.metadata)
                }
            }
            func expectedNotFound(_ text: String) throws -> String {
                let secret = try CodeSecret(parsing: text)
                return secret.unknownCodeError(accountScoped: true).message
            }
            let unknown = try #require(await start(unknownText, as: intruder, device: "d", wechat: "w"))
            // An unknown code: NOT_FOUND
            #expect(unknown.code == .notFound)
            #expect(unknown.message == (try expectedNotFound(unknownText)))
            // The owner's code while unbound (would be "not bound yet")
            let whileUnbound = try #require(await start(unbound.code, as: intruder, device: "d", wechat: "w"))
            #expect(whileUnbound.code == .notFound)
            #expect(whileUnbound.message == (try expectedNotFound(unbound.code)))
            // Bound to the owner's device: from another device (would be "bound to another device")
            _ = try await owner.bind(unbound, device: "owner-phone", wechat: "owner-wx")
            let otherDevice = try #require(await start(unbound.code, as: intruder, device: "d", wechat: "w"))
            #expect(otherDevice.code == .notFound)
            #expect(otherDevice.message == (try expectedNotFound(unbound.code)))
            // And even from the owner's own device and WeChat id
            let sameDevice = try #require(await start(unbound.code, as: intruder, device: "owner-phone", wechat: "owner-wx"))
            #expect(sameDevice.code == .notFound)
            #expect(sameDevice.message == (try expectedNotFound(unbound.code)))
            // While the owner itself starts it
            let started = try await owner.startBroadcast(with: unbound, device: "owner-phone", wechat: "owner-wx")
            #expect(started.broadcast?.state == .live)
        }
    }
}
