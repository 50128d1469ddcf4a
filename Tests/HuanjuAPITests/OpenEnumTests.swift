import HuanjuAPI
import HuanjuWire
import Testing

/// The generated enums are open, as proto3 requires: a number this build does not know (a newer
/// peer's) is a value, kept through decode and encode, and refused by name where a service needs
/// to know it.
@Suite struct OpenEnumTests {
    @Test func anUnknownNumberIsKeptThroughDecodeAndEncode() throws {
        // Given a broadcast whose kind (field 2) is 9, a number this build does not know
        var encoding = ProtoBytesWriter()
        encoding.string(1, "bc_1")
        encoding.varint(2, 9)
        // When it is decoded
        let broadcast = try SessionV1.Broadcast(serializedBytes: encoding.bytes)
        // Then the number is kept as a value, not an error, and the other fields are read
        #expect(broadcast.kind == .unrecognized(9))
        #expect(!broadcast.kind.isRecognized)
        #expect(broadcast.broadcastID == "bc_1")
        // And it is encoded again as the same number
        #expect(broadcast.serializedBytes() == encoding.bytes)
    }

    @Test func aKnownNumberDecodesToItsNamedCase() throws {
        var encoding = ProtoBytesWriter()
        encoding.varint(2, 2)
        let broadcast = try SessionV1.Broadcast(serializedBytes: encoding.bytes)
        #expect(broadcast.kind == .trial)
        #expect(broadcast.kind.isRecognized)
        #expect(SessionV1.BroadcastKind(protoNumber: 2) == .trial)
    }

    @Test func anUnknownNumberInARequestIsRefusedByName() throws {
        // Given a purchase whose kind is 9
        let request = BillingV1.PurchaseCodesRequest(kind: .unrecognized(9), quantity: 1)
        // Then reading it as a known kind is INVALID_ARGUMENT, naming the enum, the number, the
        // field and the values this build knows
        let error = try #require(throws: RPCError.self) { try request.kind.recognized(field: "kind") }
        #expect(error.code == .invalidArgument)
        #expect(error.message == "unknown code kind 9 in field kind; "
                    + "this service knows CODE_KIND_UNSPECIFIED, CODE_KIND_FLAGSHIP, CODE_KIND_STANDARD")
        // And a known kind passes unchanged
        #expect(try BillingV1.CodeKind.flagship.recognized(field: "kind") == .flagship)
    }

    @Test func valuesAreNamedAsProtoNamesThem() {
        #expect(BillingV1.TicketState.pendingReview.protoValueName == "TICKET_STATE_PENDING_REVIEW")
        #expect(BillingV1.TicketState.unrecognized(9).protoValueName == "TicketState(9)")
        #expect("\(ActivationV1.CodeStatus.suspended)" == "CODE_STATUS_SUSPENDED")
    }
}
