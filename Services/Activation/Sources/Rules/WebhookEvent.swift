import Foundation
import HuanjuDomain

/// What one webhook request carries: an event of the account's feed (or the test event
/// `TestWebhook` sends), and its body as JSON.
///
/// ```json
/// {"account_id":"acc_…","created":1577851200,"data":{"broadcast_id":"","code_id":"code_…",
///  "code_masked":"HJ-…-XC","cursor":"12","days_left":0,"deadline_ms":1583035200000,"occurred_at_ms":1577851200000,
///  "order_id":"ord_…","recorded_at_ms":1577851200000,"ticket_id":"","text":"…"},
///  "id":"code-issued:code_…","type":"code.issued"}
/// ```
///
/// `id` is the feed event's id (the receiver's de-duplication key), `type` its dotted name
/// (`FeedEventKind.webhookType`), `created` the Unix seconds at which it took effect, and
/// `data` every field of the feed's `FeedEvent` under its proto name: instants in Unix
/// milliseconds, 0 or "" when not set. Keys are sorted, numbers are integers, and fields are
/// only ever added.
struct WebhookEvent: Sendable, Equatable {
    /// The type of the event `TestWebhook` sends (never part of the feed).
    static let testType = "webhook.test"

    let id: String
    let type: String
    let accountID: String
    let cursor: String
    let occurredAt: Instant
    let recordedAt: Instant
    var codeID = ""
    var codeMasked = ""
    var ticketID = ""
    var orderID = ""
    var broadcastID = ""
    var deadline: Instant?
    var daysLeft = 0
    let text: String

    /// Unix seconds (rounded down) of the instant it took effect.
    var created: Int64 {
        let milliseconds = occurredAt.unixMilliseconds
        return milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
    }

    /// The event `TestWebhook` sends: a new id (`whtest_…`), now, no cursor.
    static func test(accountID: String, id: String, at now: Instant) -> WebhookEvent {
        WebhookEvent(
            id: id, type: testType, accountID: accountID, cursor: "", occurredAt: now, recordedAt: now,
            text: "A test event from Huanju Live (TestWebhook), not part of your feed: your endpoint is reachable. "
                + "Check that it verified the Huanju-Signature with your secret.")
    }

    /// The request body: compact JSON, keys sorted, UTF-8.
    func body() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(Body(self)))
    }

    /// The JSON's shape.
    private struct Body: Encodable {
        struct Fields: Encodable {
            let cursor: String
            let occurredAtMs: Int64
            let recordedAtMs: Int64
            let codeID: String
            let codeMasked: String
            let ticketID: String
            let orderID: String
            let broadcastID: String
            let deadlineMs: Int64
            let daysLeft: Int
            let text: String

            enum CodingKeys: String, CodingKey {
                case cursor, text
                case occurredAtMs = "occurred_at_ms"
                case recordedAtMs = "recorded_at_ms"
                case codeID = "code_id"
                case codeMasked = "code_masked"
                case ticketID = "ticket_id"
                case orderID = "order_id"
                case broadcastID = "broadcast_id"
                case deadlineMs = "deadline_ms"
                case daysLeft = "days_left"
            }
        }

        let id: String
        let type: String
        let created: Int64
        let accountID: String
        let data: Fields

        enum CodingKeys: String, CodingKey {
            case id, type, created, data
            case accountID = "account_id"
        }

        init(_ event: WebhookEvent) {
            id = event.id
            type = event.type
            created = event.created
            accountID = event.accountID
            data = Fields(
                cursor: event.cursor, occurredAtMs: event.occurredAt.unixMilliseconds,
                recordedAtMs: event.recordedAt.unixMilliseconds, codeID: event.codeID, codeMasked: event.codeMasked,
                ticketID: event.ticketID, orderID: event.orderID, broadcastID: event.broadcastID, deadlineMs: event.deadline?.unixMilliseconds ?? 0,
                daysLeft: event.daysLeft, text: event.text)
        }
    }
}

extension FeedEventKind {
    /// The event's `type` in a webhook: the object, a full stop, what happened — lower case,
    /// words joined by `_`. Fixed once published: a new kind gets a new name.
    var webhookType: String {
        switch self {
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
        case .applicationDecided: "application.decided"
        case .expansionOpened: "expansion.opened"
        case .expansionDecided: "expansion.decided"
        case .broadcastStarted: "broadcast.started"
        case .broadcastEnded: "broadcast.ended"
        }
    }
}
