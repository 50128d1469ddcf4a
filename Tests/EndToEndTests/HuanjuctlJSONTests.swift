import Foundation
import HuanjuAPI
import HuanjuTestSupport
@testable import huanjuctl
import HuanjuWire
import Testing

/// `huanjuctl --json` prints generated messages with proto/'s field names (what deploy/demo.sh
/// reads), enums as numbers, instants as Unix milliseconds; unset sub-messages are left out and
/// a oneof appears as its set member's field.
@Suite struct HuanjuctlJSONTests {
    /// Every generated message type, by proto name.
    static let types: [String: any ProtoMessage.Type] = HuanjuWireMessages.all.merging(HuanjuAPIMessages.all) { first, _ in first }

    @Test func eachFieldOfEveryGeneratedMessagePrintsUnderItsProtoName() throws {
        for (name, type) in Self.types {
            let descriptor = try #require(MessageDescriptor.named(name))
            let unset = try Self.members(ProtoJSON.value(type.init()))
            for field in descriptor.allFields {
                // Given the message with only this field set (a oneof's member included)
                let message = try type.init(serializedBytes: Self.encoding(setting: field))
                // When it is printed as JSON
                let json = try Self.members(ProtoJSON.value(message))
                // Then exactly the key named after the field differs from the unset message's
                let changed = Set(json.keys.filter { unset[$0] != json[$0] })
                #expect(changed == [field.name], "\(name) field \(field.number) (\(field.name)) printed as \(changed.sorted())")
            }
        }
    }

    /// An encoding that sets `field` alone: a string or bytes "x", an empty (present) sub-message,
    /// or the number 1 (no message of proto/'s services has a fixed-width or floating field).
    static func encoding(setting field: MessageDescriptor.Field) -> [UInt8] {
        var bytes = ProtoBytes()
        switch field.kind {
        case .string, .bytes: bytes.append(field: field.number, lengthDelimited: Array("x".utf8))
        case .message: bytes.append(field: field.number, lengthDelimited: [])
        case .scalar: bytes.append(field: field.number, varint: 1)
        }
        return bytes.bytes
    }

    @Test func anOrderPrintsWithProtoFieldNamesEnumNumbersAndMilliseconds() throws {
        // Given an order with one line
        let order = BillingV1.Order(
            orderID: "ord_1", accountID: "acc_1", kind: .annualFee, placedAtMs: 1_577_851_200_000,
            lines: [BillingV1.OrderLine(item: .annualFee, quantity: 1, unitPriceFen: 14_000_000, totalFen: 14_000_000)],
            totalFen: 14_000_000, fulfilment: .fulfilled, idempotencyKey: "k", feeActiveUntilMs: 1_609_387_200_000)
        // When it is printed as JSON
        let json = try Self.object(ProtoJSON.value(order))
        // Then keys are proto/'s, enums numbers and instants milliseconds
        #expect(json["order_id"] as? String == "ord_1")
        #expect(json["account_id"] as? String == "acc_1")
        #expect(json["kind"] as? Int == 1)
        #expect(json["fulfilment"] as? Int == 2)
        #expect(json["placed_at_ms"] as? Int64 == 1_577_851_200_000)
        #expect(json["fee_active_until_ms"] as? Int64 == 1_609_387_200_000)
        let line = try #require((json["lines"] as? [[String: Any]])?.first)
        #expect(line["unit_price_fen"] as? Int == 14_000_000)
        #expect(line["item"] as? Int == 1)
        // And fields at their defaults are printed too, as before
        #expect(json["ticket_id"] as? String == "")
        #expect(json["code_quantity"] as? Int == 0)
    }

    @Test func anUnsetSubMessageIsLeftOutAndASetOneIsAnObject() throws {
        // Given a bind answer with its code, and one without
        let bound = ActivationV1.BindCodeResponse(
            code: ActivationV1.Code(codeID: "code_1", status: .active, binding: ActivationV1.CodeBinding(deviceID: "d", wechatOpenid: "w")),
            newlyBound: true)
        let json = try Self.object(ProtoJSON.value(bound))
        let code = try #require(json["code"] as? [String: Any])
        #expect(code["code_id"] as? String == "code_1")
        #expect(code["status"] as? Int == 3)
        #expect((code["binding"] as? [String: Any])?["wechat_openid"] as? String == "w")
        #expect((code["binding"] as? [String: Any])?["device_id"] as? String == "d")
        #expect(json["newly_bound"] as? Bool == true)
        // Then an unset sub-message is not a key at all
        #expect(try Self.object(ProtoJSON.value(ActivationV1.BindCodeResponse()))["code"] == nil)
    }

    @Test func aOneofPrintsAsTheFieldOfItsSetMember() throws {
        // Given an event whose change is an expansion paid
        let event = ActivationV1.BillingEvent(
            eventID: "e", accountID: "a", occurredAtMs: 5,
            change: .expansionPaid(ActivationV1.ExpansionPaid(ticketID: "t", codeID: "c", groups: 2, paidAtMs: 6)))
        let json = try Self.object(ProtoJSON.value(event))
        // Then the member's proto field holds it, and the other members are absent
        #expect((json["expansion_paid"] as? [String: Any])?["ticket_id"] as? String == "t")
        #expect(json["fee_terms_changed"] == nil && json["codes_ordered"] == nil && json["change"] == nil)
        #expect(json["event_id"] as? String == "e")
    }

    @Test func enumsInTablesAreShownByTheirShortNames() {
        #expect(BillingV1.TicketState.pendingReview.shortName == "PENDING_REVIEW")
        #expect(BillingV1.OrderKind.annualFee.shortName == "ANNUAL_FEE")
        #expect(BillingV1.Fulfilment.unspecified.shortName == "UNSPECIFIED")
        #expect(ActivationV1.CodeStatus.suspended.shortName == "SUSPENDED")
        // A number this build does not know shows as the number
        #expect(BillingV1.TicketState(protoNumber: 9).shortName == "TicketState(9)")
        #expect(BillingFormatting.applicationStatus(.unspecified) == "NONE")
    }

    /// The members of a JSON object.
    static func members(_ value: JSONValue) throws -> [String: JSONValue] {
        guard case .object(let members) = value else { throw JSONShapeError(value: value) }
        return members
    }

    /// A JSON value that was expected to be an object.
    struct JSONShapeError: Error {
        let value: JSONValue
    }

    /// `value` encoded as `Output.json` does, read back as a JSON object.
    static func object(_ value: JSONValue) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
