import Foundation
import HuanjuAPI
import HuanjuWire
import Testing

/// Every message of every .proto file, with every field set to a value other than its
/// default, as Python's protobuf encodes it (`msg:` lines of Golden/vectors.txt): the
/// generated Swift type decodes those bytes and encodes them back byte for byte — so no
/// field is dropped on the way, and both implementations agree on the wire format.
@Suite struct EveryMessageRoundTripTests {
    /// Every generated message type, by proto name.
    static let types: [String: any ProtoMessage.Type] = HuanjuWireMessages.all
        .merging(HuanjuAPIMessages.all) { first, _ in first }
        .merging(HuanjuWireTestsMessages.all) { first, _ in first }

    /// The `msg:` vectors: proto name (with `/variant` for oneofs) → Python's bytes.
    static let vectors: [(name: String, bytes: [UInt8])] = GoldenVectorTests.vectors
        .filter { $0.key.hasPrefix("msg:") }
        .map { (String($0.key.dropFirst(4)), $0.value) }
        .sorted { $0.name < $1.name }

    @Test func everyGeneratedMessageHasAVectorAndEveryVectorAType() {
        let vectorNames = Set(Self.vectors.map { $0.name.split(separator: "/").first.map(String.init) ?? $0.name })
        #expect(vectorNames == Set(Self.types.keys))
        #expect(Self.types.count >= 90)
    }

    @Test func everyMessageRoundTripsByteIdenticallyWithPythonProtobuf() throws {
        for (name, bytes) in Self.vectors {
            let protoName = name.split(separator: "/").first.map(String.init) ?? name
            let type = try #require(Self.types[protoName], "\(protoName) has no Swift type")
            let (roundTripped, isDefault) = try Self.roundTrip(type, bytes)
            #expect(roundTripped == bytes, "\(name)")
            // (a message with fields came back with them, not as an empty message)
            #expect(!isDefault || bytes.isEmpty, "\(name) decoded to its default")
        }
    }

    @Test func everyFieldOfProtoHasASwiftProperty() throws {
        // The C descriptors are protoc-c's view of proto/; the generated types must name every field.
        for (name, type) in Self.types {
            let descriptor = try #require(MessageDescriptor.named(name), "\(name)")
            #expect(type.protoFieldNumbers == descriptor.allFields.map(\.number), "\(name)")
        }
    }

    @Test func everyEnumValueOfProtoHasASwiftCase() {
        let fromPython = GoldenVectorTests.lines.filter { $0.key.hasPrefix("enum:") }
            .reduce(into: [String: [Int32]]()) { $0[String($1.key.dropFirst(5))] = $1.value.split(separator: ",").compactMap { Int32($0) } }
        let swift = HuanjuWireEnums.all.merging(HuanjuAPIEnums.all) { first, _ in first }
            .merging(HuanjuWireTestsEnums.all) { first, _ in first }
        #expect(fromPython == swift)
    }

    @Test func everyMethodOfProtoHasADescriptorWithItsTypes() {
        let fromPython = Set(GoldenVectorTests.lines.filter { $0.key.hasPrefix("method:") }.map { "\($0.key.dropFirst(7)) \($0.value)" })
        let swift = Set((HuanjuWireMethods.all + HuanjuAPIMethods.all + HuanjuWireTestsMethods.all)
            .map { "\($0.name) \($0.requestType),\($0.responseType)" })
        #expect(fromPython == swift)
    }

    static func roundTrip<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8]) throws -> ([UInt8], Bool) {
        let message = try M(serializedBytes: bytes)
        return (message.serializedBytes(), message == M())
    }
}
