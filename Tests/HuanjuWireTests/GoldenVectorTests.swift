import Foundation
@testable import HuanjuWire
import NIOCore
import Testing

/// The same messages encoded by Python's protobuf (Tests/HuanjuWireTests/Golden/golden_vectors.py) and by the
/// generated Swift types (through protobuf-c) are byte-identical, and each decodes the other's bytes.
@Suite struct GoldenVectorTests {
    /// Every line of Golden/vectors.txt: a name, then a value (hex bytes, or for `enum:` and
    /// `method:` lines what Python's descriptors say).
    static let lines: [String: String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/vectors.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var result: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }()

    /// The encoded vectors (every line but `enum:` and `method:` ones).
    static let vectors: [String: [UInt8]] = lines
        .filter { !$0.key.hasPrefix("enum:") && !$0.key.hasPrefix("method:") }
        .mapValues(hexBytes)

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    static let check = HealthV1.HealthCheckRequest(service: "huanju.billing.v1.Billing")

    /// `all_kinds_full`: every kind of field set, negative numbers, UTF-8, empty strings in a list.
    static let full = ConformanceV1.AllKinds(
        i32: -42, i64: -9_000_000_000, u32: 4_000_000_000, u64: 18_000_000_000_000_000_000,
        s64: -1, flag: true, text: "欢聚 live", blob: [0, 1, 2, 255], colour: .green,
        inner: ConformanceV1.Inner(label: "in", amount: 140_000_00), tags: ["a", "", "c"], numbers: [1, -2, 3],
        items: [ConformanceV1.Inner(label: "x", amount: 1), ConformanceV1.Inner(label: "y", amount: -1)], ratio: 0.25, f64: 7)

    /// The named vectors' messages, built with the generated types.
    static func swiftMessages() -> [(String, any ProtoMessage)] {
        let request = RPCV1.Request(
            callID: 7, method: "huanju.health.v1.Health/Check", deadlineMs: 250,
            metadata: [RPCV1.MetadataEntry(key: "account-id", value: "acc_1"), RPCV1.MetadataEntry(key: "idempotency-key", value: "k-1")],
            payload: check.serializedBytes())
        let serving = HealthV1.HealthCheckResponse(status: .serving).serializedBytes()
        return [
            ("all_kinds_full", full),
            ("all_kinds_empty", ConformanceV1.AllKinds()),
            ("health_check_request", check),
            ("request_envelope", request),
            ("response_ok", RPCV1.Response(callID: 7, status: .ok, payload: serving)),
            ("response_refused", RPCV1.Response(
                callID: 9, status: .failedPrecondition,
                message: "code HJ-7Q lapsed: it had to be bound before 2020-03-01 12:00 CST")),
            ("list_methods_response", ReflectionV1.ListMethodsResponse(service: "billing", methods: [ReflectionV1.MethodDescription(
                name: "huanju.health.v1.Health/Check", requestType: "huanju.health.v1.HealthCheckRequest",
                responseType: "huanju.health.v1.HealthCheckResponse", operatorOnly: false, requiredMetadata: [])])),
        ]
    }

    @Test func everyVectorIsPresent() throws {
        #expect(Set(Self.vectors.keys.filter { !$0.hasPrefix("msg:") }) == Set(Self.swiftMessages().map(\.0)))
    }

    @Test func swiftEncodingIsByteIdenticalToPythonProtobuf() throws {
        for (name, message) in Self.swiftMessages() {
            #expect(message.serializedBytes() == Self.vectors[name], "vector \(name)")
        }
    }

    @Test func pythonEncodingDecodesToTheSameSwiftValue() throws {
        for (name, message) in Self.swiftMessages() {
            let bytes = try #require(Self.vectors[name])
            let decoded = try type(of: message).init(serializedBytes: bytes)
            #expect(decoded.serializedBytes() == message.serializedBytes(), "vector \(name)")
        }
    }

    @Test func theServersDirectEnvelopePathsMatchPythonProtobuf() throws {
        // The request envelope decoded straight from protobuf-c's struct
        let messages = Self.swiftMessages()
        let request = try #require(messages.first { $0.0 == "request_envelope" }?.1 as? RPCV1.Request)
        let bytes = try #require(Self.vectors["request_envelope"])
        let reading = try bytes.withUnsafeBytes { try RPCV1.Request.read($0) }
        guard case .call(let decoded) = reading else {
            Issue.record("the golden envelope was refused: \(reading)")
            return
        }
        #expect(decoded == request)
        // And response frames encoded straight into a buffer
        for name in ["response_ok", "response_refused"] {
            let response = try #require(messages.first { $0.0 == name }?.1 as? RPCV1.Response)
            var frame = ByteBuffer()
            response.writeFrame(into: &frame)
            let body = try #require(Self.vectors[name])
            #expect(frame.readInteger(endianness: .big, as: UInt32.self) == UInt32(body.count))
            #expect(frame.readBytes(length: frame.readableBytes) == body, "vector \(name)")
        }
    }

    @Test func anEnvelopeWithInvalidUTF8IsRefusedByTheDirectPath() throws {
        // field 1 (call id) = 5, field 2 (method), length 2, bytes C3 28 (invalid UTF-8)
        let reading = try [UInt8]([0x08, 0x05, 0x12, 0x02, 0xC3, 0x28]).withUnsafeBytes { try RPCV1.Request.read($0) }
        guard case .refused(let callID, let error) = reading else {
            Issue.record("an envelope with invalid UTF-8 was accepted")
            return
        }
        #expect(callID == 5)
        #expect(error.code == .invalidArgument)
        #expect(error.message == "invalid huanju.rpc.v1.Request: field method is not valid UTF-8 (at byte 0)")
    }

    @Test func anEnvelopeThatIsNotProtobufIsUndecodable() {
        // field 2 announces 9 bytes, 1 follows
        #expect(throws: WireCodingError.self) {
            try [UInt8]([0x12, 0x09, 0x41]).withUnsafeBytes { try RPCV1.Request.read($0) }
        }
    }
}

@Suite struct EmptyMessageTests {
    @Test func anAllDefaultResponseIsAnEmptyFrame() {
        // Given call id 0, OK, no message and no payload: the encoding has no bytes at all
        var frame = ByteBuffer()
        RPCV1.Response(callID: 0, status: .ok).writeFrame(into: &frame)
        #expect(frame.readableBytesView.elementsEqual([0, 0, 0, 0]))
    }

    @Test func emptyStringsAndBytesEncodeAsTheirDefaults() throws {
        let message = ConformanceV1.AllKinds(text: "", blob: [], tags: ["", ""])
        #expect(try ConformanceV1.AllKinds(serializedBytes: message.serializedBytes()) == message)
    }
}
