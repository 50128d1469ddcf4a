import CProtobufC

/// A Swift value that is one protobuf message of `proto/`: what the router and the client
/// carry. Generated messages (`ProtoMessage`) implement it straight through protoc-c's structs.
public protocol WireMessage: Sendable {
    /// The message's fully qualified proto name, e.g. `huanju.health.v1.HealthCheckRequest`.
    static var protoName: String { get }

    /// Decodes a message from its protobuf encoding. Throws `WireCodingError` when the
    /// bytes are not a valid encoding of this message.
    init(serializedBytes bytes: UnsafeRawBufferPointer) throws

    /// The protobuf encoding of this message.
    func serializedBytes() throws -> [UInt8]
}

extension WireMessage {
    /// Decodes a message from its protobuf encoding.
    public init(serializedBytes bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try Self(serializedBytes: $0) }
    }
}

/// A hand-written Swift mirror of a proto message, encoded through the generic Codable
/// bridge (being replaced by the generated `ProtoMessage`s).
///
/// Declare the stored properties with the proto's field names in camelCase (`callId` for
/// `call_id`); nested messages are sub-messages (optional when they may be absent), arrays
/// are repeated fields, `[UInt8]` is `bytes`, and enums with `Int32` raw values are proto enums.
public protocol BridgedWireMessage: WireMessage, Codable {}

extension BridgedWireMessage {
    static func descriptor() throws -> MessageDescriptor {
        guard let descriptor = MessageDescriptor.named(protoName) else {
            throw WireCodingError.unknownType(protoName)
        }
        return descriptor
    }

    public func serializedBytes() throws -> [UInt8] {
        try bridgeSerializedBytes()
    }

    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws {
        try self.init(bridgeDecoding: bytes)
    }

    /// The protobuf encoding of this message, through the generic Codable bridge.
    public func bridgeSerializedBytes() throws -> [UInt8] {
        let descriptor = try Self.descriptor()
        let arena = CArena()
        let message = descriptor.makeMessage(in: arena)
        try encode(to: ProtobufCEncoder(position: .message(message, descriptor), arena: arena))
        let cMessage = message.assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(cMessage)
        return [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, initialized in
            initialized = protobuf_c_message_pack(cMessage, buffer.baseAddress!)
        }
    }

    /// Decodes a message through the generic Codable bridge.
    public init(bridgeDecoding bytes: UnsafeRawBufferPointer) throws {
        let descriptor = try Self.descriptor()
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard let unpacked = protobuf_c_message_unpack(descriptor.pointer, nil, bytes.count, data) else {
            throw WireCodingError.undecodable(Self.protoName)
        }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        let arena = CArena()
        self = try Self(from: ProtobufCDecoder(position: .message(UnsafeRawPointer(unpacked), descriptor), arena: arena))
    }

}
