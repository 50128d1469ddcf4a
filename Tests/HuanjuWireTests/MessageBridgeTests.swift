import HuanjuWire
import Testing

@Suite struct MessageBridgeTests {
    static let full = AllKinds(
        i32: -42, i64: -9_000_000_000, u32: 4_000_000_000, u64: 18_000_000_000_000_000_000,
        s64: -1, flag: true, text: "欢聚 live", blob: [0, 1, 2, 255], colour: .green,
        inner: Inner(label: "in", amount: 140_000_00), tags: ["a", "", "c"], numbers: [1, -2, 3],
        items: [Inner(label: "x", amount: 1), Inner(label: "y", amount: -1)], ratio: 0.25, f64: 7)

    @Test func everyFieldKindRoundTrips() throws {
        // Given a message with every kind of field set
        // When it is encoded and decoded again
        let decoded = try AllKinds(serializedBytes: Self.full.serializedBytes())
        // Then every field comes back unchanged
        #expect(decoded == Self.full)
    }

    @Test func defaultMessageEncodesToNoBytes() throws {
        #expect(try AllKinds().serializedBytes().isEmpty)
        #expect(try AllKinds(serializedBytes: []) == AllKinds())
    }

    @Test func absentSubMessageDecodesAsNil() throws {
        let decoded = try AllKinds(serializedBytes: AllKinds(i32: 1).serializedBytes())
        #expect(decoded.inner == nil)
    }

    @Test func invalidBytesAreRefused() {
        #expect(throws: WireCodingError.self) { try AllKinds(serializedBytes: [0xFF, 0xFF, 0xFF]) }
        // field 7 (text), length 2, invalid UTF-8
        #expect(throws: WireCodingError.self) { try AllKinds(serializedBytes: [0x3A, 0x02, 0xC3, 0x28]) }
    }

    @Test func unknownFieldsAreIgnored() throws {
        // Given an encoding with field 99 (varint 5) that the schema does not know
        let bytes = try AllKinds(i32: 3).serializedBytes() + [0x98, 0x06, 0x05]
        // Then it still decodes
        #expect(try AllKinds(serializedBytes: bytes) == AllKinds(i32: 3))
    }

    @Test func envelopeRoundTrips() throws {
        let request = RPCV1.Request(callID: 7, method: "huanju.health.v1.Health/Check", deadlineMs: 250,
                                      metadata: [RPCV1.MetadataEntry(key: "account-id", value: "acc_1")], payload: [1, 2])
        #expect(try RPCV1.Request(serializedBytes: request.serializedBytes()) == request)
        let response = RPCV1.Response(callID: 7, status: .failedPrecondition, message: "no")
        #expect(try RPCV1.Response(serializedBytes: response.serializedBytes()) == response)
    }
}
