@testable import ActivationService
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Each account's feed reaches its endpoint in order, at least once, signed; a failing endpoint
/// is retried after its pause and holds back only its own account.
@Suite struct WebhookDeliveryTests {
    static let start = Instant.cst(2020, 1, 1, 12, 0)
    /// Short pauses, so that tests retry quickly (the shipped policy is 1 s doubling to 5 min).
    static let quick = WebhookRetryPolicy(first: .milliseconds(20), longest: .milliseconds(200), attemptTimeout: .seconds(10))

    /// Runs the delivery (on the real clock, with `policy`) next to `body`, and stops it after.
    static func delivering<T: Sendable>(
        _ service: ActivationHarness, policy: WebhookRetryPolicy = quick, _ body: () async throws -> T
    ) async throws -> T {
        let delivery = WebhookDelivery(
            store: ActivationStore(database: service.database), sender: WebhookSender(), policy: policy, realClock: WallClock(),
            logger: ActivationHarness.quiet, idleCheck: .seconds(1))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await delivery.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    static func feedIDs(_ service: ActivationHarness, _ account: String, after: String) async throws -> [String] {
        try await WebhookEndpointTests.feed(service, account, after: after).map(\.eventID)
    }

    @Test func theFeedReachesTheEndpointInOrderSignedAndTheCursorFollows() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            try await WebhookReceiver.with { receiver in
                try await Self.delivering(service) {
                    // Given account A's endpoint
                    let set = try await WebhookEndpointTests.setWebhook(service, "acc_A", receiver.url("/a"))
                    let startCursor = try #require(set.webhook).deliveredThrough
                    // When the fee is bought, the gift code issued and bound
                    let (_, gift) = try await service.buyAnnualFee("acc_A")
                    service.clock.advance(by: .days(3))
                    try await service.bind("acc_A", gift.code)
                    let feed = try await WebhookEndpointTests.feed(service, "acc_A", after: startCursor)
                    #expect(feed.map(\.type) == [.feeBought, .codeIssued, .codeBound])
                    // Then the endpoint receives those events, in order, each signed with the secret
                    let received = try await receiver.wait(for: "3 events") { $0.count >= 3 }
                    #expect(received.map { $0.eventID ?? "" } == feed.map(\.eventID))
                    #expect(received.map { $0.eventType ?? "" } == ["fee.bought", "code.issued", "code.bound"])
                    #expect(received.allSatisfy { $0.signatureVerifies(secret: set.secret) && $0.target == "/a" })
                    #expect(received.map { $0.headers["huanju-event-id"] ?? "" } == feed.map(\.eventID))
                    // And each body carries the feed event's fields
                    let bound = try #require(received.last?.json?["data"] as? [String: Any])
                    #expect(bound["cursor"] as? String == feed[2].cursor && bound["code_id"] as? String == gift.codeID)
                    #expect((bound["deadline_ms"] as? Int).map(Int64.init) == feed[2].deadlineMs && bound["text"] as? String == feed[2].text)
                    // And the endpoint's cursor reaches the last event, with nothing waiting
                    let webhook = try await eventually { () -> ActivationV1.Webhook? in
                        let webhook = try await WebhookEndpointTests.webhook(service, "acc_A")
                        return webhook.delivered == 3 ? webhook : nil
                    }
                    #expect(webhook.deliveredThrough == feed[2].cursor && webhook.backlog == 0 && webhook.nextEventID.isEmpty)
                    #expect(webhook.attempts == 0 && webhook.lastHTTPStatus == 200 && webhook.lastError.isEmpty)
                    #expect(webhook.lastDeliveredAtMs > 0 && webhook.nextAttemptAtMs == 0)
                }
            }
        }
    }

    @Test func aFailingEndpointIsRetriedAndOnceItAcceptsHasEveryEventInOrder() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            try await WebhookReceiver.with(behaviour: .answer(503)) { receiver in
                try await Self.delivering(service) {
                    // Given an endpoint that answers 503, and three events for it
                    let set = try await WebhookEndpointTests.setWebhook(service, "acc_A", receiver.url())
                    let (_, gift) = try await service.buyAnnualFee("acc_A")
                    try await service.bind("acc_A", gift.code)
                    let feed = try await Self.feedIDs(service, "acc_A", after: try #require(set.webhook).deliveredThrough)
                    #expect(feed.count == 3)
                    // When it has failed three times
                    try await receiver.wait(for: "3 attempts") { $0.count >= 3 }
                    // Then only the first event was tried, again and again
                    #expect(Set(receiver.received.map(\.eventID)) == [feed[0]])
                    // And the endpoint's state says why, and that everything waits
                    let failing = try await WebhookEndpointTests.webhook(service, "acc_A")
                    #expect(failing.attempts >= 2 && failing.lastHTTPStatus == 503)
                    #expect(failing.lastError == "HTTP 503 Service Unavailable")
                    #expect(failing.backlog == 3 && failing.nextEventID == feed[0] && failing.delivered == 0)
                    #expect(failing.nextAttemptAtMs >= failing.lastAttemptAtMs && failing.lastAttemptAtMs > 0)
                    // When it then closes connections without answering, and at last accepts
                    receiver.behave(.closeWithoutAnswer)
                    let closed = receiver.received.count
                    try await receiver.wait(for: "an attempt answered by a closed connection") { $0.count > closed }
                    receiver.behave(.answer(200))
                    // Then it receives every event, in order, each signed
                    let received = try await receiver.wait(for: "every event acknowledged") {
                        $0.filter(\.acknowledged).compactMap(\.eventID).withoutConsecutiveRepeats() == feed
                    }
                    #expect(received.compactMap(\.eventID).withoutConsecutiveRepeats() == feed)
                    #expect(received.allSatisfy { $0.signatureVerifies(secret: set.secret) })
                    let caughtUp = try await eventually { () -> ActivationV1.Webhook? in
                        let webhook = try await WebhookEndpointTests.webhook(service, "acc_A")
                        return webhook.backlog == 0 ? webhook : nil
                    }
                    #expect(caughtUp.attempts == 0 && caughtUp.lastError.isEmpty && caughtUp.delivered == 3)
                }
            }
        }
    }

    @Test func aFailingEndpointNeverHoldsBackAnotherAccountsAndOperatorsSeeIt() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            try await WebhookReceiver.with(behaviour: .answer(500)) { failing in
                try await WebhookReceiver.with { working in
                    try await Self.delivering(service) {
                        // Given account A's endpoint fails and account B's works
                        _ = try await WebhookEndpointTests.setWebhook(service, "acc_A", failing.url())
                        let b = try await WebhookEndpointTests.setWebhook(service, "acc_B", working.url())
                        _ = try await service.buyAnnualFee("acc_A")
                        try await failing.wait(for: "A's endpoint tried") { $0.count >= 2 }
                        // When B's events are recorded while A's endpoint keeps failing
                        let (_, gift) = try await service.buyAnnualFee("acc_B")
                        try await service.bind("acc_B", gift.code)
                        // Then B's endpoint receives all of them
                        let feedB = try await Self.feedIDs(service, "acc_B", after: try #require(b.webhook).deliveredThrough)
                        let received = try await working.wait(for: "B's 3 events") { $0.count >= 3 }
                        #expect(received.compactMap(\.eventID) == feedB)
                        // And the operators' status lists A's endpoint, failing, with its backlog
                        let status = try await eventually { () -> ActivationV1.WebhookStatus? in
                            let status = try await service.operators.getWebhookStatus(.init())
                            return status.webhooks.map(\.accountID) == ["acc_A"] ? status : nil
                        }
                        #expect(status.endpoints == 2 && status.failing == 1 && status.backlog == 2)
                        let a = try #require(status.webhooks.first)
                        #expect(a.backlog == 2 && a.attempts >= 1 && a.lastHTTPStatus == 500)
                        #expect(a.lastError == "HTTP 500 Internal Server Error" && a.nextAttemptAtMs > 0)
                        #expect(status.oldestUndeliveredAtMs == Self.start.unixMilliseconds)
                        // And the metrics count the endpoints, the failing one and what waits
                        let metrics = try await MetricsV1.MetricsService.Client(service.operatorRPC).get(.init()).prometheusText
                        #expect(metrics.contains("huanju_webhook_endpoints{service=\"activation\"} 2"))
                        #expect(metrics.contains("huanju_webhook_endpoints_failing{service=\"activation\"} 1"))
                        #expect(metrics.contains("huanju_webhook_backlog{service=\"activation\"} 2"))
                        // And one account's status shows its endpoint whatever its state
                        let one = try await service.operators.getWebhookStatus(.init(accountID: "acc_B"))
                        #expect(one.endpoints == 1 && one.webhooks.map(\.accountID) == ["acc_B"] && one.backlog == 0)
                    }
                }
            }
        }
    }

    @Test func aNewURLReceivesWhatWaitedSignedWithTheNewSecret() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            try await WebhookReceiver.with(behaviour: .answer(404)) { old in
                try await WebhookReceiver.with { new in
                    try await Self.delivering(service) {
                        // Given events waiting for an endpoint that answers 404
                        let first = try await WebhookEndpointTests.setWebhook(service, "acc_A", old.url())
                        _ = try await service.buyAnnualFee("acc_A")
                        try await old.wait(for: "the old endpoint tried") { !$0.isEmpty }
                        // When the account sets a new URL
                        let second = try await WebhookEndpointTests.setWebhook(service, "acc_A", new.url("/v2"))
                        // Then the new endpoint receives the waiting events, signed with the new secret only
                        let feed = try await Self.feedIDs(service, "acc_A", after: try #require(first.webhook).deliveredThrough)
                        let received = try await new.wait(for: "the waiting events") {
                            $0.compactMap(\.eventID).withoutConsecutiveRepeats() == feed
                        }
                        #expect(received.allSatisfy { $0.signatureVerifies(secret: second.secret) })
                        #expect(!received.contains { $0.signatureVerifies(secret: first.secret) })
                    }
                }
            }
        }
    }

    @Test func aFailedEventIsNotSentAgainBeforeItsPauseAndDeletingStopsDelivery() async throws {
        try await ActivationHarness.serving(clock: ManualClock(Self.start)) { service in
            try await WebhookReceiver.with(behaviour: .answer(503)) { receiver in
                // Given the delivery on a real-time clock the test moves, and two events waiting
                let wall = ManualClock(Instant(unixMilliseconds: 1_800_000_000_000))
                let delivery = WebhookDelivery(
                    store: ActivationStore(database: service.database), sender: WebhookSender(clock: wall), policy: .standard,
                    realClock: wall, logger: ActivationHarness.quiet)
                let set = try await WebhookEndpointTests.setWebhook(service, "acc_A", receiver.url())
                let (_, gift) = try await service.buyAnnualFee("acc_A")
                // When the first attempt fails
                #expect(try await delivery.deliverNext(of: "acc_A") == false)
                // Then the endpoint's state has the failure, and a retry 0.8–1 s later in real time
                var webhook = try await WebhookEndpointTests.webhook(service, "acc_A")
                let failedAt = wall.now().unixMilliseconds
                #expect(webhook.attempts == 1 && webhook.lastAttemptAtMs == failedAt && webhook.lastHTTPStatus == 503)
                #expect((failedAt + 800...failedAt + 1000).contains(webhook.nextAttemptAtMs))
                #expect(receiver.received.first?.signatureTimestamp == failedAt / 1000)
                // When the delivery looks again before the pause has passed, Then nothing is sent
                wall.advance(by: .milliseconds(799))
                #expect(try await delivery.deliverNext(of: "acc_A") == false)
                #expect(receiver.received.count == 1)
                // When the pause has passed, Then it is sent again; a second failure pauses 1.6–2 s
                wall.set(Instant(unixMilliseconds: webhook.nextAttemptAtMs))
                #expect(try await delivery.deliverNext(of: "acc_A") == false)
                #expect(receiver.received.count == 2)
                webhook = try await WebhookEndpointTests.webhook(service, "acc_A")
                let retriedAt = wall.now().unixMilliseconds
                #expect(webhook.attempts == 2 && (retriedAt + 1600...retriedAt + 2000).contains(webhook.nextAttemptAtMs))
                // When the endpoint accepts once that pause has passed
                receiver.behave(.answer(204))
                wall.advance(by: .seconds(2))
                // Then both events go, one by one, and nothing is left
                #expect(try await delivery.deliverNext(of: "acc_A"))
                #expect(try await delivery.deliverNext(of: "acc_A"))
                #expect(try await delivery.deliverNext(of: "acc_A") == false)
                let feed = try await Self.feedIDs(service, "acc_A", after: try #require(set.webhook).deliveredThrough)
                #expect(receiver.acknowledged.compactMap(\.eventID) == feed)
                webhook = try await WebhookEndpointTests.webhook(service, "acc_A")
                #expect(webhook.delivered == 2 && webhook.backlog == 0 && webhook.attempts == 0 && webhook.lastHTTPStatus == 204)
                // When the endpoint is deleted and another event is recorded
                _ = try await service.customer.deleteWebhook(metadata: ActivationHarness.caller("acc_A"))
                try await service.bind("acc_A", gift.code)
                // Then nothing is sent
                #expect(try await delivery.deliverNext(of: "acc_A") == false)
                #expect(receiver.received.count == 4)
            }
        }
    }
}

/// Retries `attempt` until it returns a value, up to 30 s.
func eventually<T: Sendable>(_ attempt: () async throws -> T?) async throws -> T {
    let giveUp = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < giveUp {
        if let value = try await attempt() { return value }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw RPCError(.deadlineExceeded, "gave up waiting")
}
