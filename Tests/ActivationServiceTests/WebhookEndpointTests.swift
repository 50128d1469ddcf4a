import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

/// The account's webhook endpoint over the wire: SetWebhook answers the secret once, GetWebhook
/// never shows it, replacing rotates it and keeps the cursor, TestWebhook sends a signed test
/// event, and every method acts on the caller's own endpoint only.
@Suite struct WebhookEndpointTests {
    static let start = Instant.cst(2020, 1, 1, 12, 0)
    static let url = "http://127.0.0.1:9/hooks"

    static func feed(_ service: ActivationHarness, _ account: String, after: String = "") async throws -> [ActivationV1.FeedEvent] {
        try await service.customer.listAccountEvents(
            .init(after: after, pageSize: 500), metadata: ActivationHarness.caller(account)).events
    }

    static func setWebhook(_ service: ActivationHarness, _ account: String, _ url: String) async throws -> ActivationV1.SetWebhookResponse {
        try await service.customer.setWebhook(.init(url: url), metadata: ActivationHarness.caller(account))
    }

    static func webhook(_ service: ActivationHarness, _ account: String) async throws -> ActivationV1.Webhook {
        try await service.customer.getWebhook(metadata: ActivationHarness.caller(account))
    }

    @Test func setWebhookAnswersAFreshSecretOnceAndGetWebhookNeverShowsIt() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            // When account A registers an endpoint
            let response = try await Self.setWebhook(service, "acc_A", "HTTP://Hooks.Example.com:8080/huanju")
            // Then it gets a secret of its own, and the endpoint as stored
            #expect(response.secret.hasPrefix("whsec_") && response.secret.utf8.count == 70)
            let registered = try #require(response.webhook)
            #expect(registered.accountID == "acc_A" && registered.url == "http://hooks.example.com:8080/huanju")
            #expect(registered.createdAtMs == Self.start.unixMilliseconds && registered.updatedAtMs == Self.start.unixMilliseconds)
            #expect(registered.backlog == 0 && registered.delivered == 0 && registered.attempts == 0)
            #expect(registered.lastError.isEmpty && registered.nextAttemptAtMs == 0 && registered.lastAttemptAtMs == 0)
            // And GetWebhook shows the same endpoint, without the secret anywhere
            let shown = try await Self.webhook(service, "acc_A")
            #expect(shown == registered)
            #expect(!"\(shown)".contains(response.secret))
            // And another registration's secret is another
            #expect(try await Self.setWebhook(service, "acc_B", Self.url).secret != response.secret)
        }
    }

    @Test func deliveryStartsWithTheEventsRecordedAfterTheRegistration() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            // Given account A's feed holds the fee bought and the gift code issued
            let (_, gift) = try await service.buyAnnualFee("acc_A")
            let before = try await Self.feed(service, "acc_A")
            #expect(before.map(\.type) == [.feeBought, .codeIssued])
            // When it registers an endpoint
            let registered = try #require(try await Self.setWebhook(service, "acc_A", Self.url).webhook)
            // Then delivery starts after them: nothing waits
            #expect(registered.deliveredThrough == before.last?.cursor && registered.backlog == 0)
            // When a code is bound afterwards
            service.clock.advance(by: .hours(1))
            try await service.bind("acc_A", gift.code)
            // Then that event waits for the endpoint
            let bound = try #require(try await Self.feed(service, "acc_A", after: registered.deliveredThrough).first)
            #expect(bound.type == .codeBound)
            let waiting = try await Self.webhook(service, "acc_A")
            #expect(waiting.backlog == 1 && waiting.nextEventID == bound.eventID)
            #expect(waiting.deliveredThrough == registered.deliveredThrough)
        }
    }

    @Test func replacingTheURLRotatesTheSecretAndKeepsTheCursorAndTheBacklog() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            // Given an endpoint with one event waiting
            let first = try await Self.setWebhook(service, "acc_A", Self.url)
            _ = try await service.buyAnnualFee("acc_A")
            let waiting = try await Self.webhook(service, "acc_A")
            #expect(waiting.backlog == 2)
            // When the account sets another URL a day later
            service.clock.advance(by: .days(1))
            let second = try await Self.setWebhook(service, "acc_A", "http://10.1.2.3:8443/new")
            // Then the secret is new, the URL replaced, and the cursor and backlog kept
            #expect(second.secret != first.secret)
            let replaced = try #require(second.webhook)
            #expect(replaced.url == "http://10.1.2.3:8443/new")
            #expect(replaced.deliveredThrough == waiting.deliveredThrough && replaced.backlog == 2)
            #expect(replaced.nextEventID == waiting.nextEventID)
            #expect(replaced.createdAtMs == Self.start.unixMilliseconds)
            #expect(replaced.updatedAtMs == Self.start.adding(.days(1)).unixMilliseconds)
        }
    }

    @Test func aURLThatIsNotAcceptedIsRefusedSayingWhyAndChangesNothing() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            // Given no endpoint: a bad URL registers none
            await #expect(throws: RPCError(.invalidArgument, "the url must start with http://; a webhook URL is http://HOST[:PORT]/PATH, e.g. http://hooks.example.com:8080/huanju")) {
                try await Self.setWebhook(service, "acc_A", "hooks.example.com/x")
            }
            await #expect(throws: RPCError(.notFound, "this account has no webhook endpoint; register one with SetWebhook")) {
                try await Self.webhook(service, "acc_A")
            }
            // Given an endpoint: a bad URL leaves it as it was
            let registered = try #require(try await Self.setWebhook(service, "acc_A", Self.url).webhook)
            await #expect(throws: RPCError(.invalidArgument, """
                https URLs are not called directly: webhooks are sent over plain HTTP, so give the http:// address of a \
                TLS-originating proxy that forwards to your https endpoint (README, Webhooks)
                """)) {
                try await Self.setWebhook(service, "acc_A", "https://hooks.example.com/x")
            }
            #expect(try await Self.webhook(service, "acc_A") == registered)
            // And a URL over proto's limit is refused before the method runs
            let long = "http://h.example/" + String(repeating: "a", count: 2048)
            await expectRefusal(.invalidArgument, "url") { try await Self.setWebhook(service, "acc_A", long) }
            #expect(try await Self.webhook(service, "acc_A") == registered)
        }
    }

    @Test func anotherAccountCanNeitherSeeNorChangeYourEndpoint() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            // Given account A's endpoint
            let mine = try #require(try await Self.setWebhook(service, "acc_A", Self.url).webhook)
            // When account B asks for, tests or deletes its endpoint
            let none = RPCError(.notFound, "this account has no webhook endpoint; register one with SetWebhook")
            // Then it is told it has none, exactly as an account without one is
            await #expect(throws: none) { try await Self.webhook(service, "acc_B") }
            await #expect(throws: none) {
                try await service.customer.testWebhook(metadata: ActivationHarness.caller("acc_B"))
            }
            #expect(try await service.customer.deleteWebhook(metadata: ActivationHarness.caller("acc_B")).deleted == false)
            // And registering its own leaves A's as it was
            _ = try await Self.setWebhook(service, "acc_B", "http://127.0.0.1:10/b")
            #expect(try await Self.webhook(service, "acc_A") == mine)
            // And the operators' status is not served on the public socket
            await expectRefusal(.permissionDenied) {
                try await service.customer.getWebhookStatus(.init(accountID: "acc_A"), metadata: ActivationHarness.caller("acc_B"))
            }
        }
    }

    @Test func deleteWebhookRemovesTheEndpointOnce() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            _ = try await Self.setWebhook(service, "acc_A", Self.url)
            #expect(try await service.customer.deleteWebhook(metadata: ActivationHarness.caller("acc_A")).deleted)
            #expect(try await service.customer.deleteWebhook(metadata: ActivationHarness.caller("acc_A")).deleted == false)
            await expectRefusal(.notFound, "no webhook endpoint") { try await Self.webhook(service, "acc_A") }
            #expect(try await service.operators.getWebhookStatus(.init()).endpoints == 0)
        }
    }

    @Test func testWebhookSendsOneSignedTestEventAndSaysHowTheEndpointAnswered() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            try await WebhookReceiver.with { receiver in
                // Given account A's endpoint at the receiver
                let secret = try await Self.setWebhook(service, "acc_A", receiver.url("/hooks/a")).secret
                // When it tests it
                let answer = try await service.customer.testWebhook(metadata: ActivationHarness.caller("acc_A"))
                // Then the endpoint acknowledged it, and the answer says so
                #expect(answer.acknowledged && answer.httpStatus == 200 && answer.error.isEmpty)
                #expect(answer.url == receiver.url("/hooks/a") && answer.eventID.hasPrefix("whtest_"))
                // And the receiver read one POST: JSON, the test event, signed with the secret
                let request = try #require(receiver.received.first)
                #expect(receiver.received.count == 1)
                #expect(request.method == "POST" && request.target == "/hooks/a")
                #expect(request.headers["content-type"] == "application/json")
                #expect(request.headers["user-agent"] == "HuanjuLive-Webhooks/1")
                #expect(request.headers["huanju-event-id"] == answer.eventID)
                #expect(request.headers["huanju-event-type"] == "webhook.test")
                #expect(request.eventID == answer.eventID && request.eventType == "webhook.test")
                #expect(request.json?["account_id"] as? String == "acc_A")
                #expect(request.signatureVerifies(secret: secret))
                #expect(!request.signatureVerifies(secret: "whsec_" + String(repeating: "0", count: 64)))
                // And it is not part of the feed's delivery
                let webhook = try await Self.webhook(service, "acc_A")
                #expect(webhook.delivered == 0 && webhook.lastAttemptAtMs == 0)

                // When the endpoint fails
                receiver.behave(.answer(503))
                let failed = try await service.customer.testWebhook(metadata: ActivationHarness.caller("acc_A"))
                // Then the answer is still OK, with the endpoint's status and why it failed
                #expect(!failed.acknowledged && failed.httpStatus == 503 && failed.error == "HTTP 503 Service Unavailable")
                #expect(failed.eventID != answer.eventID)

                // When the endpoint closes the connection without answering
                receiver.behave(.closeWithoutAnswer)
                let closed = try await service.customer.testWebhook(metadata: ActivationHarness.caller("acc_A"))
                #expect(!closed.acknowledged && closed.httpStatus == 0)
                #expect(closed.error == "127.0.0.1:\(receiver.port) closed the connection without answering")
            }
        }
    }

    @Test func testWebhookToAnEndpointNobodyListensOnSaysSo() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            let port = try await WebhookReceiver.with { $0.port }
            _ = try await Self.setWebhook(service, "acc_A", "http://127.0.0.1:\(port)/gone")
            let answer = try await service.customer.testWebhook(metadata: ActivationHarness.caller("acc_A"))
            #expect(!answer.acknowledged && answer.httpStatus == 0)
            #expect(answer.error.hasPrefix("cannot connect to 127.0.0.1:\(port): ") && answer.error.contains("refused"), "\(answer.error)")
        }
    }
}
