import CProtobufC

/// The storage of one value inside a C message: a singular field, or one element of a
/// repeated field. Reads and writes convert between Swift values and the field's C type,
/// refusing any value the field cannot hold exactly.
struct FieldSlot {
    let field: UnsafePointer<ProtobufCFieldDescriptor>
    let storage: UnsafeMutableRawPointer

    var type: ProtobufCType { field.pointee.type }
    var name: String { String(cString: field.pointee.name) }

    /// The descriptor of a MESSAGE field's type.
    var messageDescriptor: MessageDescriptor? {
        guard type == PROTOBUF_C_TYPE_MESSAGE, let raw = field.pointee.descriptor else { return nil }
        return MessageDescriptor.at(raw.assumingMemoryBound(to: ProtobufCMessageDescriptor.self))
    }

    /// Bytes one value of `type` takes in a C message or repeated-field array.
    static func byteCount(of type: ProtobufCType) -> Int {
        switch type {
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64,
             PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64, PROTOBUF_C_TYPE_DOUBLE:
            return 8
        case PROTOBUF_C_TYPE_STRING, PROTOBUF_C_TYPE_MESSAGE:
            return MemoryLayout<UnsafeRawPointer>.size
        case PROTOBUF_C_TYPE_BYTES:
            return MemoryLayout<ProtobufCBinaryData>.size
        default:
            return 4 // int32 kinds, uint32 kinds, enum, bool (protobuf_c_boolean is int), float
        }
    }

    private func mismatch(_ swiftType: Any.Type) -> WireCodingError {
        .typeMismatch(swiftType, field: name)
    }

    // MARK: Writing

    func write<I: BinaryInteger>(integer value: I) throws {
        switch type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32, PROTOBUF_C_TYPE_ENUM:
            guard let exact = Int32(exactly: value) else { throw mismatch(I.self) }
            storage.storeBytes(of: exact, as: Int32.self)
        case PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32:
            guard let exact = UInt32(exactly: value) else { throw mismatch(I.self) }
            storage.storeBytes(of: exact, as: UInt32.self)
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64:
            guard let exact = Int64(exactly: value) else { throw mismatch(I.self) }
            storage.storeBytes(of: exact, as: Int64.self)
        case PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64:
            guard let exact = UInt64(exactly: value) else { throw mismatch(I.self) }
            storage.storeBytes(of: exact, as: UInt64.self)
        default:
            throw mismatch(I.self)
        }
    }

    func write(bool value: Bool) throws {
        guard type == PROTOBUF_C_TYPE_BOOL else { throw mismatch(Bool.self) }
        storage.storeBytes(of: value ? 1 : 0, as: protobuf_c_boolean.self)
    }

    func write(double value: Double) throws {
        switch type {
        case PROTOBUF_C_TYPE_DOUBLE: storage.storeBytes(of: value, as: Double.self)
        case PROTOBUF_C_TYPE_FLOAT: storage.storeBytes(of: Float(value), as: Float.self)
        default: throw mismatch(Double.self)
        }
    }

    func write(string value: String, in arena: CArena) throws {
        guard type == PROTOBUF_C_TYPE_STRING else { throw mismatch(String.self) }
        guard !value.utf8.contains(0) else {
            throw WireCodingError("field \(name) contains a NUL character, which protobuf-c cannot carry")
        }
        storage.storeBytes(of: arena.duplicate(value), as: UnsafeMutablePointer<CChar>.self)
    }

    func write(bytes value: [UInt8], in arena: CArena) throws {
        guard type == PROTOBUF_C_TYPE_BYTES else { throw mismatch([UInt8].self) }
        let data = ProtobufCBinaryData(len: value.count, data: arena.duplicate(value))
        storage.storeBytes(of: data, as: ProtobufCBinaryData.self)
    }

    func write(message: UnsafeMutableRawPointer) {
        storage.storeBytes(of: message, as: UnsafeMutableRawPointer.self)
    }

    // MARK: Reading

    func readInteger<I: FixedWidthInteger>(as _: I.Type) throws -> I {
        let value: I?
        switch type {
        case PROTOBUF_C_TYPE_INT32, PROTOBUF_C_TYPE_SINT32, PROTOBUF_C_TYPE_SFIXED32, PROTOBUF_C_TYPE_ENUM:
            value = I(exactly: storage.load(as: Int32.self))
        case PROTOBUF_C_TYPE_UINT32, PROTOBUF_C_TYPE_FIXED32:
            value = I(exactly: storage.load(as: UInt32.self))
        case PROTOBUF_C_TYPE_INT64, PROTOBUF_C_TYPE_SINT64, PROTOBUF_C_TYPE_SFIXED64:
            value = I(exactly: storage.load(as: Int64.self))
        case PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_TYPE_FIXED64:
            value = I(exactly: storage.load(as: UInt64.self))
        default:
            throw mismatch(I.self)
        }
        guard let value else {
            throw WireCodingError("field \(name) holds a value out of range for \(I.self)")
        }
        return value
    }

    func readBool() throws -> Bool {
        guard type == PROTOBUF_C_TYPE_BOOL else { throw mismatch(Bool.self) }
        return storage.load(as: protobuf_c_boolean.self) != 0
    }

    func readDouble() throws -> Double {
        switch type {
        case PROTOBUF_C_TYPE_DOUBLE: return storage.load(as: Double.self)
        case PROTOBUF_C_TYPE_FLOAT: return Double(storage.load(as: Float.self))
        default: throw mismatch(Double.self)
        }
    }

    func readString() throws -> String {
        guard type == PROTOBUF_C_TYPE_STRING else { throw mismatch(String.self) }
        guard let pointer = storage.load(as: UnsafePointer<CChar>?.self) else { return "" }
        guard let string = String(validatingCString: pointer) else {
            throw WireCodingError.invalidUTF8(field: name)
        }
        return string
    }

    func readBytes() throws -> [UInt8] {
        guard type == PROTOBUF_C_TYPE_BYTES else { throw mismatch([UInt8].self) }
        let data = storage.load(as: ProtobufCBinaryData.self)
        guard let bytes = data.data, data.len > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: bytes, count: data.len))
    }

    /// The sub-message a MESSAGE field points to, or nil when it is absent.
    func readMessage() -> UnsafeMutableRawPointer? {
        storage.load(as: UnsafeMutableRawPointer?.self)
    }
}
