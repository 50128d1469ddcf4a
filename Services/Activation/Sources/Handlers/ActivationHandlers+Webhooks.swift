import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire
import NIOCore

/// The account's webhook endpoint (customers act on their own only: there is no id to name
/// another account's), and the operators' view of every account's delivery.
extension ActivationHandlers {
    func setWebhook(_ request: ActivationV1.SetWebhookRequest, context: CallContext) async throws -> ActivationV1.SetWebhookResponse {
        let account = try context.requireAccountID()
        let url = try WebhookURL(request.url)
        // What the clock made due up to now belongs before the registration: it is not sent.
        try await followClock()
        let secret = WebhookSecret.make()
        let (stored, replaced) = try await store.setWebhook(account: account, url: url.text, secret: secret, at: clock.now())
        logger.info(replaced ? "webhook endpoint replaced; secret rotated" : "webhook endpoint registered", metadata: [
            "account.id": "\(account)", "webhook.url": "\(url.text)",
            "webhook.delivered_through": "\(stored.record.deliveredThrough)",
        ])
        return ActivationV1.SetWebhookResponse(webhook: ActivationV1.Webhook(stored), secret: secret)
    }

    func getWebhook(_: ActivationV1.GetWebhookRequest, context: CallContext) async throws -> ActivationV1.Webhook {
        let account = try context.requireAccountID()
        try await followClock()
        guard let stored = try await store.webhook(ofAccount: account) else { throw Self.noWebhook }
        return ActivationV1.Webhook(stored)
    }

    func deleteWebhook(_: ActivationV1.DeleteWebhookRequest, context: CallContext) async throws -> ActivationV1.DeleteWebhookResponse {
        let account = try context.requireAccountID()
        let deleted = try await store.deleteWebhook(ofAccount: account)
        if deleted { logger.info("webhook endpoint deleted", metadata: ["account.id": "\(account)"]) }
        return ActivationV1.DeleteWebhookResponse(deleted: deleted)
    }

    func testWebhook(_: ActivationV1.TestWebhookRequest, context: CallContext) async throws -> ActivationV1.TestWebhookResponse {
        let account = try context.requireAccountID()
        guard let stored = try await store.webhook(ofAccount: account) else { throw Self.noWebhook }
        let url = try WebhookURL(stored.record.url)
        let event = WebhookEvent.test(accountID: account, id: Identifier.make("whtest"), at: clock.now())
        // The attempt's limit: the delivery's, or what the caller still waits less half a second to answer.
        let remaining = context.peerDeadline(.milliseconds(WebhookRetryPolicy.standard.attemptTimeout.milliseconds))
            - .milliseconds(500)
        var response = ActivationV1.TestWebhookResponse(url: url.text, eventID: event.id)
        guard remaining > .milliseconds(50) else {
            response.error = "the call's deadline leaves no time to call the endpoint: call again with a longer one"
            return response
        }
        let started = ContinuousClock.now
        let outcome = try await webhooks.send(
            event, to: url, secret: stored.record.secret, timeout: .milliseconds(remaining.nanoseconds / 1_000_000))
        let elapsed = ContinuousClock.now - started
        response.acknowledged = outcome.isSuccess
        response.httpStatus = UInt32(clamping: outcome.status ?? 0)
        response.error = outcome.failure ?? ""
        response.durationMs = UInt32(clamping: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        logger.info("webhook test sent", metadata: [
            "account.id": "\(account)", "webhook.url": "\(url.text)", "webhook.event_id": "\(event.id)",
            "webhook.acknowledged": "\(outcome.isSuccess)", "error": "\(outcome.failure ?? "")",
        ])
        return response
    }

    func getWebhookStatus(_ request: ActivationV1.GetWebhookStatusRequest, context _: CallContext) async throws
        -> ActivationV1.WebhookStatus {
        try await followClock()
        return ActivationV1.WebhookStatus(
            try await store.webhookReport(account: request.accountID.isEmpty ? nil : request.accountID))
    }

    /// The answer when the account has no endpoint.
    static let noWebhook = DomainError.notFound("this account has no webhook endpoint; register one with SetWebhook")

    /// Records what the business clock made due up to now, as a feed read does, so that a
    /// backlog counts it.
    private func followClock() async throws {
        let now = clock.now()
        if try await !store.clockEventsRecorded(through: now) {
            try await store.followClock(to: now)
        }
    }
}
