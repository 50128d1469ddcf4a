@testable import HuanjuWire
import Testing

/// What the generated codecs do with bytes the golden vectors do not hold: no bytes, garbage,
/// fields this build does not know, an absent sub-message, a string that is not UTF-8.
@Suite struct ProtoMessageCodecTests {
    @Test func noBytesDecodeToTheDefaultMessageAndTheDefaultMessageEncodesToNoBytes() throws {
        // Given the empty encoding, When it is decoded, Then every field is at its default
        #expect(try ConformanceV1.AllKinds(serializedBytes: []) == ConformanceV1.AllKinds())
        // And the default message encodes to no bytes at all
        #expect(ConformanceV1.AllKinds().serializedBytes().isEmpty)
    }

    @Test func anAbsentSubMessageDecodesAsNil() throws {
        // Given a message whose sub-message `inner` is not set
        let bytes = ConformanceV1.AllKinds(i32: 1).serializedBytes()
        // When it is decoded, Then `inner` is nil, not an empty Inner
        #expect(try ConformanceV1.AllKinds(serializedBytes: bytes).inner == nil)
    }

    @Test func bytesThatAreNotTheMessageAreRefused() {
        // Given bytes that are no protobuf encoding (a varint key that never ends)
        // Then decoding throws WireCodingError, naming the message
        #expect(throws: WireCodingError.self) { try ConformanceV1.AllKinds(serializedBytes: [0xFF, 0xFF, 0xFF]) }
        // And a length-delimited field longer than what follows is refused too
        #expect(throws: WireCodingError.self) { try ConformanceV1.AllKinds(serializedBytes: [0x3A, 0x09, 0x41]) }
    }

    @Test func aStringThatIsNotUTF8IsRefusedBeforeDecoding() throws {
        // Given field 7 (text), length 2, the bytes C3 28 (invalid UTF-8)
        let bytes: [UInt8] = [0x3A, 0x02, 0xC3, 0x28]
        let descriptor = try #require(MessageDescriptor.named(ConformanceV1.AllKinds.protoName))
        // Then the check every request passes before it is decoded refuses it, naming the field
        #expect(throws: MessageValidator.Violation.self) { try MessageValidator.validate(bytes, as: descriptor) }
        let violation = try #require(Self.violation(bytes, descriptor))
        #expect(violation.fieldPath == "text")
    }

    @Test func fieldsThisBuildDoesNotKnowAreSkipped() throws {
        // Given an encoding with field 99 (varint 5), unknown to the schema (a newer peer's)
        let bytes = ConformanceV1.AllKinds(i32: 3).serializedBytes() + [0x98, 0x06, 0x05]
        // Then it still decodes, to the fields this build knows
        #expect(try ConformanceV1.AllKinds(serializedBytes: bytes) == ConformanceV1.AllKinds(i32: 3))
    }

    private static func violation(_ bytes: [UInt8], _ descriptor: MessageDescriptor) -> MessageValidator.Violation? {
        do throws(MessageValidator.Violation) {
            try MessageValidator.validate(bytes, as: descriptor)
            return nil
        } catch {
            return error
        }
    }
}
