import HuanjuDomain
import HuanjuRuntime

/// Sends one webhook request — an event's JSON, signed for the endpoint — with `HTTPPoster`,
/// and reports how the endpoint answered. Used by the delivery of the feed
/// (`WebhookDelivery`) and by `TestWebhook`.
///
/// Headers: `Content-Type: application/json`, `User-Agent: HuanjuLive-Webhooks/1`,
/// `Huanju-Event-Id` and `Huanju-Event-Type` (the body's `id` and `type`, for routing without
/// parsing) and `Huanju-Signature` (`WebhookSignature`), besides `Host`, `Content-Length`
/// and `Connection: close`.
public struct WebhookSender: Sendable {
    static let userAgent = "HuanjuLive-Webhooks/1"

    let poster: HTTPPoster
    /// The clock of the signature's timestamp: the host's real time, which receivers compare
    /// with their own (never the controllable business clock).
    let clock: any BusinessClock

    /// A sender over `poster` (a service passes one on its own event loops).
    public init(poster: HTTPPoster = HTTPPoster(), clock: any BusinessClock = WallClock()) {
        self.poster = poster
        self.clock = clock
    }

    /// POSTs `event` to `url`, signed with `secret`, waiting at most `timeout` (default: the
    /// poster's).
    ///
    /// - Throws: `CancellationError` only.
    func send(_ event: WebhookEvent, to url: WebhookURL, secret: String, timeout: TimeSpan? = nil) async throws
        -> HTTPPoster.Outcome {
        let body: [UInt8]
        do {
            body = try event.body()
        } catch {
            return .failed("the event could not be written as JSON: \(error)")
        }
        let timestamp = clock.now().unixMilliseconds / 1000
        let request = HTTPPoster.Request(
            host: url.host, port: url.port, target: url.target,
            headers: [
                ("Content-Type", "application/json"),
                ("User-Agent", Self.userAgent),
                ("Huanju-Event-Id", event.id),
                ("Huanju-Event-Type", event.type),
                (WebhookSignature.header, WebhookSignature.value(secret: secret, timestamp: timestamp, body: body)),
            ],
            body: body)
        return try await poster.post(request, timeout: timeout.map { .milliseconds($0.milliseconds) })
    }
}
