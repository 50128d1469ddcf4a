import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// Webhooks over the real processes: a receiver on loopback that fails for a while gets the
/// account's whole feed afterwards, in order, each event at least once, every signature
/// verifying — across a `kill -9` of activation with events pending, and with an attempt in
/// flight; the endpoint is the account's own; huanjuctl drives it.
@Suite(.serialized) struct ScenarioWebhookTests {
    /// The webhook type of each feed event type, as README lists them (independently of the service's table).
    static func webhookType(_ type: ActivationV1.FeedEventType) -> String {
        switch type {
        case .feeBought: "fee.bought"
        case .feeRenewed: "fee.renewed"
        case .feeLapsed: "fee.lapsed"
        case .feeEndReminder: "fee.end_reminder"
        case .codeIssued: "code.issued"
        case .codeBound: "code.bound"
        case .codeSuspended: "code.suspended"
        case .codeRestored: "code.restored"
        case .codeLapsed: "code.lapsed"
        case .codeExpired: "code.expired"
        case .bindReminder: "code.bind_reminder"
        case .codeExpiryReminder: "code.expiry_reminder"
        case .expansionPaid: "expansion.paid"
        case .expansionApplied: "expansion.applied"
        default: "?"
        }
    }

    static func feed(_ customer: Customer, after: String) async throws -> [ActivationV1.FeedEvent] {
        try await customer.system.activation().listAccountEvents(.init(after: after, pageSize: 500), metadata: customer.metadata).events
    }

    static func webhook(_ customer: Customer) async throws -> ActivationV1.Webhook {
        try await customer.system.activation().getWebhook(metadata: customer.metadata)
    }

    /// Checks that the acknowledged requests, repeats of a redelivery aside, are exactly `feed`
    /// in order, each body carrying its event, and that every request (failed ones too) is
    /// signed with `secret` at about the host's time.
    static func expectDelivered(_ feed: [ActivationV1.FeedEvent], to receiver: WebhookReceiver, secret: String, account: String) {
        let received = receiver.received
        #expect(receiver.acknowledged.compactMap(\.eventID).withoutConsecutiveRepeats() == feed.map(\.eventID))
        let now = Int64(Date().timeIntervalSince1970)
        for request in received {
            #expect(request.signatureVerifies(secret: secret), "\(request.headers)")
            #expect(abs((request.signatureTimestamp ?? 0) - now) < 600)
            #expect(request.method == "POST" && request.headers["content-type"] == "application/json")
            #expect(request.headers["huanju-event-id"] == request.eventID)
        }
        for event in feed {
            guard let request = receiver.acknowledged.first(where: { $0.eventID == event.eventID }), let body = request.json,
                  let data = body["data"] as? [String: Any] else {
                Issue.record("no acknowledged request carries \(event.eventID)")
                continue
            }
            #expect(body["type"] as? String == Self.webhookType(event.type))
            #expect(body["account_id"] as? String == account)
            #expect((body["created"] as? Int).map(Int64.init) == event.occurredAtMs / 1000)
            #expect(data["cursor"] as? String == event.cursor && data["text"] as? String == event.text)
            #expect((data["occurred_at_ms"] as? Int).map(Int64.init) == event.occurredAtMs)
            #expect(data["code_id"] as? String == event.codeID && data["order_id"] as? String == event.orderID)
        }
    }

    @Test func aReceiverThatFailsForAWhileGetsTheWholeFeedInOrderAcrossAKill9() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("hooks")
            try await WebhookReceiver.with(behaviour: .answer(503)) { receiver in
                // Given the account's endpoint, which answers 503
                let set = try await system.activation().setWebhook(.init(url: receiver.url("/huanju")), metadata: customer.metadata)
                let start = try #require(set.webhook).deliveredThrough
                // When the fee is bought, the gift code bound, and the year passes to the fee's end
                _ = try await customer.buyAnnualFee(key: "fee")
                let gift = try #require(try await customer.waitForCodes(1).first)
                _ = try await customer.bind(gift, device: "phone-1", wechat: "wx-1")
                try system.setClock(.cst(2020, 12, 31, 12, 1))
                let feed = try await Self.feed(customer, after: start)
                #expect(feed.count >= 8, "\(feed.map(\.type))")
                #expect(feed.first?.type == .feeBought && feed.contains { $0.type == .feeEndReminder }
                    && feed.contains { $0.type == .feeLapsed })
                // Then the endpoint is tried, and fails
                try await receiver.wait(for: "two failed attempts") { $0.count >= 2 }
                let failing = try await Self.webhook(customer)
                #expect(failing.lastHTTPStatus == 503 && failing.lastError == "HTTP 503 Service Unavailable")
                #expect(failing.attempts >= 1 && failing.delivered == 0 && failing.backlog == UInt32(feed.count))
                #expect(receiver.acknowledged.isEmpty)
                // When activation is killed with -9 while every event is pending
                await system.kill9("activation")
                // And the endpoint recovers, and activation starts again
                receiver.behave(.answer(200))
                try await system.start("activation")
                // Then the endpoint receives every event of the feed, in order, each signed
                try await receiver.wait(for: "the whole feed") {
                    $0.filter(\.acknowledged).compactMap(\.eventID).withoutConsecutiveRepeats() == feed.map(\.eventID)
                }
                Self.expectDelivered(feed, to: receiver, secret: set.secret, account: customer.accountID)
                // And the feed after the restart is the same one (none lost, none added)
                #expect(try await Self.feed(customer, after: start).map(\.eventID) == feed.map(\.eventID))
                // And the endpoint's state has caught up
                let caughtUp = try await eventually("the cursor at the feed's end") {
                    let webhook = try await Self.webhook(customer)
                    return webhook.backlog == 0 ? webhook : nil
                }
                #expect(caughtUp.deliveredThrough == feed.last?.cursor && caughtUp.attempts == 0 && caughtUp.lastError.isEmpty)
                #expect(caughtUp.delivered == UInt64(feed.count))
                let status = try await system.activation(operator: true).getWebhookStatus(.init())
                #expect(status.endpoints == 1 && status.backlog == 0 && status.failing == 0 && status.webhooks.isEmpty)
            }
        }
    }

    @Test func anAttemptInFlightWhenActivationIsKilledIsSentAgainAndTheEndpointIsTheAccountsOwn() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.start("activation")
            try await system.start("billing")
            let customer = try await system.approvedEnterprise("inflight")
            let other = try await system.approvedEnterprise("other")
            let ctl = { (arguments: [String], name: String) in
                try await DeployScripts.huanjuctl(
                    arguments + ["--runtime-dir", system.runtimeDirectory], output: "\(system.root)/logs/ctl-\(name).log")
            }
            try await WebhookReceiver.with(behaviour: .hang) { receiver in
                // Given the account's endpoint registered with huanjuctl, which never answers
                let set = try await ctl(["activation", "webhook", "set", receiver.url("/ctl"), "--as", customer.accountID, "--json"], "set")
                #expect(set.status == 0, "\(set.output)")
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(set.output.utf8)) as? [String: Any])
                let secret = try #require(answer["secret"] as? String)
                #expect(secret.hasPrefix("whsec_"))
                let start = try #require((answer["webhook"] as? [String: Any])?["delivered_through"] as? String)
                // And another account cannot see or remove it: it has none of its own
                await expectRefusal(.notFound, "this account has no webhook endpoint") {
                    try await Self.webhook(other)
                }
                #expect(try await system.activation().deleteWebhook(metadata: other.metadata).deleted == false)
                let denied = try await ctl(["activation", "webhook", "show", "--as", other.accountID], "other-show")
                #expect(denied.status == 65 && denied.output.contains("NOT_FOUND"), "\(denied.output)")
                // When the fee is bought, and the first event's request is in flight
                _ = try await customer.buyAnnualFee(key: "fee")
                try await receiver.wait(for: "the first request") { !$0.isEmpty }
                // And activation is killed with -9 then, and starts again with the endpoint answering
                await system.kill9("activation")
                receiver.behave(.answer(200))
                try await system.start("activation")
                // Then the endpoint receives the feed in order, the first event sent again
                let feed = try await Self.feed(customer, after: start)
                #expect(feed.map(\.type) == [.feeBought, .codeIssued])
                try await receiver.wait(for: "the feed") {
                    $0.filter(\.acknowledged).compactMap(\.eventID).withoutConsecutiveRepeats() == feed.map(\.eventID)
                }
                #expect(receiver.received.filter { $0.eventID == feed[0].eventID }.count >= 2)
                Self.expectDelivered(feed, to: receiver, secret: secret, account: customer.accountID)
                // And the other account's feed and webhooks never saw any of it
                #expect(try await system.activation().listAccountEvents(.init(), metadata: other.metadata).events
                    .allSatisfy { $0.accountID == other.accountID && !feed.map(\.eventID).contains($0.eventID) })

                // When the customer looks at and tests its endpoint with huanjuctl
                _ = try await eventually("the cursor at the feed's end") {
                    try await Self.webhook(customer).backlog == 0 ? true : nil
                }
                let shown = try await ctl(["activation", "webhook", "show", "--as", customer.accountID], "show")
                #expect(shown.status == 0 && shown.output.contains(receiver.url("/ctl")) && !shown.output.contains(secret), "\(shown.output)")
                let tested = try await ctl(["activation", "webhook", "test", "--as", customer.accountID], "test")
                #expect(tested.status == 0 && tested.output.contains("acknowledged"), "\(tested.output)")
                #expect(receiver.received.last?.eventType == "webhook.test")
                #expect(receiver.received.last?.signatureVerifies(secret: secret) == true)
                // And an operator reads the status
                let status = try await ctl(["activation", "webhook-status", "--json"], "status")
                #expect(status.status == 0, "\(status.output)")
                let report = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
                #expect(report["endpoints"] as? Int == 1)
                // When the customer deletes it, Then it is gone
                let deleted = try await ctl(["activation", "webhook", "delete", "--as", customer.accountID], "delete")
                #expect(deleted.status == 0 && deleted.output.contains("Deleted."), "\(deleted.output)")
                await expectRefusal(.notFound) { try await Self.webhook(customer) }
            }
        }
    }
}
