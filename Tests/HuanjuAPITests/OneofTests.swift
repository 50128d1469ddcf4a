import HuanjuAPI
import HuanjuWire
import Testing

/// A oneof is an optional Swift enum: nil when no member is set, and nil too when the member
/// set is one this build does not know (a newer peer's), while the message's other fields are
/// still read.
@Suite struct OneofTests {
    @Test func anEventWithNoChangeDecodesWithChangeNil() throws {
        // Given an event with its header fields and no change
        let bytes = ActivationV1.BillingEvent(eventID: "e", accountID: "a", occurredAtMs: 1).serializedBytes()
        // Then it decodes with no change
        let decoded = try ActivationV1.BillingEvent(serializedBytes: bytes)
        #expect(decoded.change == nil)
        #expect(decoded.eventID == "e")
    }

    @Test func aMemberThisBuildDoesNotKnowDecodesAsNil() throws {
        // Given an event whose change is field 99, a member a newer billing might add
        var encoding = ProtoBytesWriter()
        encoding.string(1, "evt_1")
        encoding.string(2, "acc_1")
        encoding.message(99, { $0.string(1, "something new") })
        // When it is decoded, Then the change is nil and the header is read
        let decoded = try ActivationV1.BillingEvent(serializedBytes: encoding.bytes)
        #expect(decoded.change == nil)
        #expect(decoded.eventID == "evt_1")
        #expect(decoded.accountID == "acc_1")
    }

    @Test func eachKnownMemberDecodesToItsCase() throws {
        // Given one event per member of BillingEvent.change
        let changes: [ActivationV1.BillingEvent.Change] = [
            .feeTermsChanged(ActivationV1.FeeTermsChanged(terms: [ActivationV1.FeeTerm(startMs: 1, endMs: 2)])),
            .codesOrdered(ActivationV1.CodesOrdered(orderID: "o", kind: .flagship, quantity: 2)),
            .expansionPaid(ActivationV1.ExpansionPaid(ticketID: "t", codeID: "c", groups: 100, paidAtMs: 3)),
        ]
        for change in changes {
            let event = ActivationV1.BillingEvent(eventID: "e", change: change)
            // Then each comes back as the same case with the same payload
            #expect(try ActivationV1.BillingEvent(serializedBytes: event.serializedBytes()).change == change)
        }
    }
}
