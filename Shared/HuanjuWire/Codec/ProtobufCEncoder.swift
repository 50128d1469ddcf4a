import CProtobufC

/// Writes a Swift `Encodable` value into a C message tree allocated in a `CArena`.
///
/// Property names map to proto field names (`callId` → `call_id`); nested structs map to
/// sub-messages, arrays to repeated fields, `[UInt8]` to bytes, enums to their raw value.
struct ProtobufCEncoder: Encoder {
    enum Position {
        case message(UnsafeMutableRawPointer, MessageDescriptor)
        case value(FieldSlot)
        /// Codable asked for a shape protobuf has no place for; every write fails with this.
        case unsupported(String)
    }

    let position: Position
    let arena: CArena
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        switch position {
        case .message(let message, let descriptor):
            return KeyedEncodingContainer(MessageFieldsEncoder(target: .success((message, descriptor)), arena: arena))
        case .value(let slot):
            guard let descriptor = slot.messageDescriptor else {
                return KeyedEncodingContainer(MessageFieldsEncoder(
                    target: .failure(WireCodingError("field \(slot.name) is not a message")), arena: arena))
            }
            let message = descriptor.makeMessage(in: arena)
            slot.write(message: message)
            return KeyedEncodingContainer(MessageFieldsEncoder(target: .success((message, descriptor)), arena: arena))
        case .unsupported(let reason):
            return KeyedEncodingContainer(MessageFieldsEncoder(target: .failure(WireCodingError(reason)), arena: arena))
        }
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SlotValueEncoder(position: position, arena: arena)
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnsupportedUnkeyedEncoder()
    }

    /// Writes one value of any supported Swift type into `slot`.
    static func encode<T: Encodable>(_ value: T, into slot: FieldSlot, arena: CArena) throws {
        switch value {
        case let string as String: try slot.write(string: string, in: arena)
        case let bool as Bool: try slot.write(bool: bool)
        case let bytes as [UInt8]: try slot.write(bytes: bytes, in: arena)
        case let double as Double: try slot.write(double: double)
        case let float as Float: try slot.write(double: Double(float))
        case let integer as any BinaryInteger: try slot.write(integer: integer)
        default: try value.encode(to: ProtobufCEncoder(position: .value(slot), arena: arena))
        }
    }
}

/// The fields of one C message, written by property name.
private struct MessageFieldsEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let target: Result<(UnsafeMutableRawPointer, MessageDescriptor), WireCodingError>
    let arena: CArena
    var codingPath: [any CodingKey] = []

    mutating func encodeNil(forKey _: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let (message, descriptor) = try target.get()
        guard let field = descriptor.field(forKey: key.stringValue) else {
            throw WireCodingError.noField(key.stringValue, in: descriptor.fullName)
        }
        if field.pointee.label == PROTOBUF_C_LABEL_REPEATED {
            try encodeRepeated(value, field: field, message: message)
        } else {
            markPresent(field, in: message)
            let slot = FieldSlot(field: field, storage: message + Int(field.pointee.offset))
            try ProtobufCEncoder.encode(value, into: slot, arena: arena)
        }
    }

    private func encodeRepeated<T: Encodable>(
        _ value: T, field: UnsafePointer<ProtobufCFieldDescriptor>, message: UnsafeMutableRawPointer
    ) throws {
        guard let elements = value as? [any Encodable] else {
            throw WireCodingError.typeMismatch(T.self, field: String(cString: field.pointee.name))
        }
        let stride = FieldSlot.byteCount(of: field.pointee.type)
        let array = arena.allocate(byteCount: stride * elements.count)
        for (index, element) in elements.enumerated() {
            let slot = FieldSlot(field: field, storage: array + index * stride)
            try ProtobufCEncoder.encode(element, into: slot, arena: arena)
        }
        (message + Int(field.pointee.quantifier_offset)).storeBytes(of: elements.count, as: Int.self)
        (message + Int(field.pointee.offset)).storeBytes(
            of: elements.isEmpty ? nil : array, as: UnsafeMutableRawPointer?.self)
    }

    /// Sets the `has_` flag of a proto3 `optional` scalar, or the case of a oneof member.
    private func markPresent(_ field: UnsafePointer<ProtobufCFieldDescriptor>, in message: UnsafeMutableRawPointer) {
        let descriptor = field.pointee
        let quantifier = message + Int(descriptor.quantifier_offset)
        if descriptor.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue) != 0 {
            quantifier.storeBytes(of: descriptor.id, as: UInt32.self)
        } else if descriptor.label == PROTOBUF_C_LABEL_OPTIONAL,
                  descriptor.type != PROTOBUF_C_TYPE_STRING, descriptor.type != PROTOBUF_C_TYPE_MESSAGE {
            quantifier.storeBytes(of: 1, as: protobuf_c_boolean.self)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(MessageFieldsEncoder<NestedKey>(
            target: .failure(WireCodingError("nested containers are not supported (\(key.stringValue))")),
            arena: arena))
    }

    mutating func nestedUnkeyedContainer(forKey _: Key) -> any UnkeyedEncodingContainer {
        UnsupportedUnkeyedEncoder()
    }

    mutating func superEncoder() -> any Encoder { unsupportedEncoder() }
    mutating func superEncoder(forKey _: Key) -> any Encoder { unsupportedEncoder() }

    private func unsupportedEncoder() -> any Encoder {
        ProtobufCEncoder(position: .unsupported("super encoders are not supported"), arena: arena)
    }
}

/// One scalar value (an enum's raw value, or a wrapper type's single value).
private struct SlotValueEncoder: SingleValueEncodingContainer {
    let position: ProtobufCEncoder.Position
    let arena: CArena
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws {
        switch position {
        case .value(let slot): try ProtobufCEncoder.encode(value, into: slot, arena: arena)
        case .message(_, let descriptor):
            throw WireCodingError("\(descriptor.fullName) cannot be encoded from a single \(T.self)")
        case .unsupported(let reason): throw WireCodingError(reason)
        }
    }
}

/// Repeated fields are written from Swift arrays directly; any other unkeyed use fails.
private struct UnsupportedUnkeyedEncoder: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] = []
    var count: Int { 0 }
    private var error: WireCodingError { WireCodingError("only arrays in repeated fields are supported") }

    mutating func encodeNil() throws { throw error }
    mutating func encode<T: Encodable>(_: T) throws { throw error }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        ProtobufCEncoder(position: .unsupported("nested containers are not supported"), arena: CArena())
            .container(keyedBy: NestedKey.self)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder {
        ProtobufCEncoder(position: .unsupported("super encoders are not supported"), arena: CArena())
    }
}
