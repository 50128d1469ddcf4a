import CProtobufC

/// Reads a Swift `Decodable` value out of an unpacked C message, copying every string and
/// byte array into Swift storage (nothing refers to C memory once decoding returns).
///
/// An absent sub-message decodes as the message's defaults; strings must be valid UTF-8.
struct ProtobufCDecoder: Decoder {
    enum Position {
        case message(UnsafeRawPointer, MessageDescriptor)
        case value(FieldSlot)
        case repeated(FieldSlot, count: Int)
        case unsupported(String)
    }

    let position: Position
    /// Holds default messages made for absent sub-messages.
    let arena: CArena
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch position {
        case .message(let message, let descriptor):
            return KeyedDecodingContainer(MessageFieldsDecoder(message: message, descriptor: descriptor, arena: arena))
        case .value(let slot):
            guard let descriptor = slot.messageDescriptor else {
                throw WireCodingError("field \(slot.name) is not a message")
            }
            let message = slot.readMessage() ?? descriptor.makeMessage(in: arena)
            return KeyedDecodingContainer(MessageFieldsDecoder(
                message: UnsafeRawPointer(message), descriptor: descriptor, arena: arena))
        case .repeated(let slot, _):
            throw WireCodingError("repeated field \(slot.name) must be decoded as an array")
        case .unsupported(let reason):
            throw WireCodingError(reason)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard case .value(let slot) = position else {
            throw WireCodingError("only a field value decodes as a single value")
        }
        return SlotValueDecoder(slot: slot, arena: arena)
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .repeated(let first, let count) = position else {
            throw WireCodingError("only a repeated field decodes as an array")
        }
        return RepeatedFieldDecoder(first: first, count: count, arena: arena)
    }

    /// Reads one value of any supported Swift type from `slot`.
    static func decode<T: Decodable>(_: T.Type, from slot: FieldSlot, arena: CArena) throws -> T {
        if T.self == String.self { return try slot.readString() as! T }
        if T.self == Bool.self { return try slot.readBool() as! T }
        if T.self == [UInt8].self { return try slot.readBytes() as! T }
        if T.self == Double.self { return try slot.readDouble() as! T }
        if T.self == Float.self { return Float(try slot.readDouble()) as! T }
        if let integer = T.self as? any FixedWidthInteger.Type {
            return try slot.readInteger(as: integer) as! T
        }
        return try T(from: ProtobufCDecoder(position: .value(slot), arena: arena))
    }
}

/// The fields of one C message, read by property name.
private struct MessageFieldsDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let message: UnsafeRawPointer
    let descriptor: MessageDescriptor
    let arena: CArena
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    private func field(_ key: Key) throws -> UnsafePointer<ProtobufCFieldDescriptor> {
        guard let field = descriptor.field(forKey: key.stringValue) else {
            throw WireCodingError.noField(key.stringValue, in: descriptor.fullName)
        }
        return field
    }

    private func slot(_ field: UnsafePointer<ProtobufCFieldDescriptor>) -> FieldSlot {
        FieldSlot(field: field, storage: UnsafeMutableRawPointer(mutating: message + Int(field.pointee.offset)))
    }

    func contains(_ key: Key) -> Bool {
        guard let field = descriptor.field(forKey: key.stringValue) else { return false }
        return isPresent(field)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        !isPresent(try field(key))
    }

    /// Whether a field that can be absent (sub-message, optional, oneof member) is set.
    private func isPresent(_ field: UnsafePointer<ProtobufCFieldDescriptor>) -> Bool {
        let descriptor = field.pointee
        let quantifier = message + Int(descriptor.quantifier_offset)
        if descriptor.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue) != 0 {
            return quantifier.load(as: UInt32.self) == descriptor.id
        }
        if descriptor.label == PROTOBUF_C_LABEL_REPEATED { return true }
        if descriptor.type == PROTOBUF_C_TYPE_MESSAGE { return slot(field).readMessage() != nil }
        if descriptor.label == PROTOBUF_C_LABEL_OPTIONAL, descriptor.type != PROTOBUF_C_TYPE_STRING {
            return quantifier.load(as: protobuf_c_boolean.self) != 0
        }
        return true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let field = try field(key)
        guard field.pointee.label == PROTOBUF_C_LABEL_REPEATED else {
            return try ProtobufCDecoder.decode(type, from: slot(field), arena: arena)
        }
        let count = (message + Int(field.pointee.quantifier_offset)).load(as: Int.self)
        let elements = (message + Int(field.pointee.offset)).load(as: UnsafeMutableRawPointer?.self)
        let first = FieldSlot(field: field, storage: elements ?? UnsafeMutableRawPointer(mutating: message))
        return try T(from: ProtobufCDecoder(position: .repeated(first, count: elements == nil ? 0 : count), arena: arena))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw WireCodingError("nested containers are not supported (\(key.stringValue))")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw WireCodingError("nested containers are not supported (\(key.stringValue))")
    }

    func superDecoder() throws -> any Decoder {
        throw WireCodingError("super decoders are not supported")
    }

    func superDecoder(forKey _: Key) throws -> any Decoder {
        throw WireCodingError("super decoders are not supported")
    }
}

/// One scalar value (an enum's raw value, or a wrapper type's single value).
private struct SlotValueDecoder: SingleValueDecodingContainer {
    let slot: FieldSlot
    let arena: CArena
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool {
        slot.field.pointee.type == PROTOBUF_C_TYPE_MESSAGE && slot.readMessage() == nil
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ProtobufCDecoder.decode(type, from: slot, arena: arena)
    }
}

/// The elements of a repeated field, in order.
private struct RepeatedFieldDecoder: UnkeyedDecodingContainer {
    let first: FieldSlot
    let count: Int?
    let arena: CArena
    var codingPath: [any CodingKey] = []
    private(set) var currentIndex = 0

    init(first: FieldSlot, count: Int, arena: CArena) {
        self.first = first
        self.count = count
        self.arena = arena
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw WireCodingError("read past the end of repeated field \(first.name)") }
        let stride = FieldSlot.byteCount(of: first.type)
        let slot = FieldSlot(field: first.field, storage: first.storage + currentIndex * stride)
        currentIndex += 1
        return try ProtobufCDecoder.decode(type, from: slot, arena: arena)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw WireCodingError("nested containers are not supported")
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw WireCodingError("nested containers are not supported")
    }

    mutating func superDecoder() throws -> any Decoder {
        throw WireCodingError("super decoders are not supported")
    }
}
