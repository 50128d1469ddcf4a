@testable import ActivationService
import Foundation
import HuanjuDomain
import Testing

/// A webhook's body: the feed event as JSON — id, type, created, account_id, and every field
/// of FeedEvent under data.
@Suite struct WebhookEventTests {
    static let issued = WebhookEvent(
        id: "code-issued:code_1", type: FeedEventKind.codeIssued.webhookType, accountID: "acc_A", cursor: "12",
        occurredAt: .cst(2020, 1, 1, 12, 0), recordedAt: Instant.cst(2020, 1, 1, 12, 0).adding(.milliseconds(250)),
        codeID: "code_1", codeMasked: "HJ-…-7K", orderID: "ord_1", deadline: .cst(2020, 3, 1, 12, 0),
        text: "Code HJ-…-7K was issued: bind it before 2020-03-01 12:00 CST / “绑定”")

    @Test func theBodyIsCompactJSONWithSortedKeysAndEveryField() throws {
        // When the event is written
        let body = String(decoding: try Self.issued.body(), as: UTF8.self)
        // Then it is exactly this (keys sorted, instants in ms, unset fields "" or 0, text as UTF-8)
        #expect(body == """
            {"account_id":"acc_A","created":1577851200,"data":{"broadcast_id":"","code_id":"code_1",\
            "code_masked":"HJ-…-7K","cursor":"12","days_left":0,"deadline_ms":1583035200000,"occurred_at_ms":1577851200000,\
            "order_id":"ord_1","recorded_at_ms":1577851200250,"text":"Code HJ-…-7K was issued: bind it before \
            2020-03-01 12:00 CST / “绑定”","ticket_id":""},"id":"code-issued:code_1","type":"code.issued"}
            """)
    }

    @Test func theBodyParsesAsJSONWithTheDocumentedShape() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try Self.issued.body())) as? [String: Any])
        #expect(Set(object.keys) == ["id", "type", "created", "account_id", "data"])
        #expect(object["created"] as? Int == 1_577_851_200)
        let data = try #require(object["data"] as? [String: Any])
        #expect(Set(data.keys) == [
            "cursor", "occurred_at_ms", "recorded_at_ms", "code_id", "code_masked", "ticket_id", "order_id", "broadcast_id",
            "deadline_ms", "days_left", "text",
        ])
        #expect(data["deadline_ms"] as? Int == 1_583_035_200_000)
    }

    @Test func everyFeedEventKindHasADottedLowercaseTypeOfItsOwn() {
        let types = FeedEventKind.allCases.map(\.webhookType)
        #expect(Set(types).count == FeedEventKind.allCases.count)
        #expect(!types.contains(WebhookEvent.testType))
        for type in types + [WebhookEvent.testType] {
            let parts = type.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0 == "_" } },
                    "\(type)")
        }
        #expect(types == [
            "fee.bought", "fee.renewed", "fee.lapsed", "code.issued", "code.bound", "code.suspended", "code.restored",
            "code.lapsed", "code.expired", "expansion.paid", "expansion.applied", "code.bind_reminder",
            "fee.end_reminder", "code.expiry_reminder", "application.decided", "expansion.opened", "expansion.decided",
            "broadcast.started", "broadcast.ended",
        ])
    }

    @Test func createdIsTheUnixSecondItTookEffectRoundedDown() {
        let event = WebhookEvent(
            id: "x", type: "fee.bought", accountID: "a", cursor: "1", occurredAt: Instant(unixMilliseconds: 1_577_851_200_999),
            recordedAt: Instant(unixMilliseconds: 1_577_851_201_000), text: "")
        #expect(event.created == 1_577_851_200)
    }

    @Test func theTestEventIsOutsideTheFeed() throws {
        let event = WebhookEvent.test(accountID: "acc_A", id: "whtest_1", at: .cst(2020, 1, 1, 12, 0))
        #expect(event.type == "webhook.test" && event.cursor.isEmpty && event.created == 1_577_851_200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try event.body())) as? [String: Any])
        #expect(object["id"] as? String == "whtest_1" && object["type"] as? String == "webhook.test")
    }
}
