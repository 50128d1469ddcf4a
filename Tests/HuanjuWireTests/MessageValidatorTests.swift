@testable import HuanjuWire
import Testing

/// `MessageValidator` checks encoded requests against proto/'s limits before they are decoded.
@Suite struct MessageValidatorTests {
    private let allKinds = MessageDescriptor.named("huanju.conformance.v1.AllKinds")!
    private let envelope = MessageDescriptor.named("huanju.rpc.v1.Request")!

    private func violation(_ message: ConformanceV1.AllKinds) throws -> MessageValidator.Violation? {
        let bytes = message.serializedBytes()
        do throws(MessageValidator.Violation) {
            try MessageValidator.validate(bytes, as: allKinds)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMessageWithinItsLimitsPasses() throws {
        let message = ConformanceV1.AllKinds(text: String(repeating: "字", count: 85), inner: ConformanceV1.Inner(label: "in", amount: 1),
                               tags: Array(repeating: "t", count: 16), items: [ConformanceV1.Inner(label: "x", amount: 2)])
        #expect(try violation(message) == nil)
    }

    @Test func aStringOverItsByteLimitIsRefusedByBytesNotCharacters() throws {
        // 86 Chinese characters are 258 bytes: over text's 256
        let refused = try #require(try violation(ConformanceV1.AllKinds(text: String(repeating: "字", count: 86))))
        #expect(refused.description == "field text is 258 bytes long; at most 256 bytes of UTF-8 are accepted")
        // One "character" of 1 + 200 scalars (a letter and combining accents) is 401 bytes
        let combining = "a" + String(repeating: "\u{301}", count: 200)
        #expect(combining.count == 1)
        #expect(try violation(ConformanceV1.AllKinds(text: combining))?.fieldPath == "text")
    }

    @Test func nestedAndRepeatedFieldsAreNamedByTheirPath() throws {
        // items (13) = [ConformanceV1.Inner(label "ok"), ConformanceV1.Inner(label "x\0y")], written by hand: the encoder refuses NUL
        let bytes: [UInt8] = [0x6A, 0x04, 0x0A, 0x02, 0x6F, 0x6B, 0x6A, 0x05, 0x0A, 0x03, 0x78, 0x00, 0x79]
        #expect(throws: MessageValidator.Violation(
            fieldPath: "items[1].label", reason: "contains a NUL byte (at byte 1); strings may not contain NUL")) {
            try MessageValidator.validate(bytes, as: allKinds)
        }
        let tags = try #require(try violation(ConformanceV1.AllKinds(tags: ["a", "b\u{1B}"])))
        #expect(tags.fieldPath == "tags[1]")
    }

    @Test func aRepeatedFieldOverItsItemLimitIsRefused() throws {
        let refused = try #require(try violation(ConformanceV1.AllKinds(tags: Array(repeating: "t", count: 17))))
        #expect(refused.description == "field tags has more than 16 elements; at most 16 are accepted")
        // Packed repeated numbers count element by element
        #expect(try violation(ConformanceV1.AllKinds(numbers: Array(repeating: 1, count: 1000))) == nil)
        #expect(try violation(ConformanceV1.AllKinds(numbers: Array(repeating: 1, count: 1001)))?.fieldPath == "numbers")
    }

    @Test func unknownFieldsAreSkipped() throws {
        // field 99 (unknown), a length-delimited value holding a NUL: not a string this message knows
        let bytes: [UInt8] = [0x9A, 0x06, 0x02, 0x00, 0x41] + ConformanceV1.AllKinds(text: "ok").serializedBytes()
        #expect(throws: Never.self) { try MessageValidator.validate(bytes, as: allKinds) }
    }

    @Test func truncatedBytesAreUndecodable() {
        #expect(throws: MessageValidator.Violation(fieldPath: "", reason: "the bytes are not a valid huanju.conformance.v1.AllKinds message")) {
            try MessageValidator.validate([0x3A, 0x09, 0x41], as: allKinds)
        }
    }

    @Test func theEnvelopesMethodAndMetadataAreChecked() throws {
        let nulMethod = RPCV1.Request(callID: 1, method: "huanju.health.v1.Health/Check").serializedBytes()
            .replacingMethodSuffix(with: Array("\0junk".utf8))
        #expect(throws: MessageValidator.Violation.self) { try MessageValidator.validate(nulMethod, as: envelope) }
        let tooMany = RPCV1.Request(callID: 1, method: "m", metadata: (0..<33).map { RPCV1.MetadataEntry(key: "k\($0)", value: "v") })
        #expect(throws: MessageValidator.Violation(fieldPath: "metadata", reason: "has more than 32 elements; at most 32 are accepted")) {
            try MessageValidator.validate(tooMany.serializedBytes(), as: envelope)
        }
    }

    @Test func everyMessageAServiceAcceptsHasItsLimitsAndEveryStringFieldOne() {
        // The generator refuses a proto/ without them; this checks the generated table is what the server reads.
        for name in ["huanju.rpc.v1.Request", "huanju.rpc.v1.MetadataEntry", "huanju.billing.v1.RegisterAccountRequest",
                     "huanju.activation.v1.BillingEvent", "huanju.session.v1.ViewerRequest"] {
            #expect(FieldRules.covers(message: name), "\(name)")
        }
        #expect(FieldRules.of(message: "huanju.session.v1.ViewerRequest", field: 2)?.maxBytes == 128)
        #expect(FieldRules.of(message: "huanju.activation.v1.FeeTermsChanged", field: 1)?.maxItems == 256)
    }
}

extension [UInt8] {
    /// An envelope whose method (field 2, the last field written here) gets `suffix` appended.
    fileprivate func replacingMethodSuffix(with suffix: [UInt8]) -> [UInt8] {
        guard let tag = firstIndex(of: 0x12) else { return self }
        let length = Int(self[tag + 1])
        let method = Array(self[(tag + 2)..<(tag + 2 + length)]) + suffix
        return Array(self[..<tag]) + [0x12, UInt8(method.count)] + method + Array(self[(tag + 2 + length)...])
    }
}
