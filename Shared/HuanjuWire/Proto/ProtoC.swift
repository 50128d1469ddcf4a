import CProtobufC

/// Conversions between protoc-c's C values and Swift values, used by the generated code.
public enum ProtoC {
    /// A C string field (NULL reads as "").
    @inlinable
    public static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// A bytes field.
    @inlinable
    public static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    /// A repeated scalar field.
    @inlinable
    public static func array<T>(_ pointer: UnsafeMutablePointer<T>?, count: Int) -> [T] {
        guard count > 0, let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// A repeated string field.
    @inlinable
    public static func strings(_ pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, count: Int) -> [String] {
        guard count > 0, let pointer else { return [] }
        return (0..<count).map { string(pointer[$0]) }
    }

    /// A repeated message field, each element read by `read`.
    @inlinable
    public static func messages<C, T>(
        _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<C>?>?, count: Int, _ read: (UnsafePointer<C>) -> T
    ) -> [T] {
        guard count > 0, let pointer else { return [] }
        var values: [T] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            if let element = pointer[index] { values.append(read(element)) }
        }
        return values
    }

    /// A bytes value for a C struct (copied into `arena`).
    @inlinable
    public static func binary(_ bytes: [UInt8], in arena: ProtoCArena) -> ProtobufCBinaryData {
        ProtobufCBinaryData(len: bytes.count, data: arena.bytes(bytes))
    }

    /// A repeated string field's C array (copied into `arena`).
    @inlinable
    public static func strings(_ values: [String], in arena: ProtoCArena) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let array = arena.allocate(UnsafeMutablePointer<CChar>?.self, count: values.count) else { return nil }
        for (index, value) in values.enumerated() { array[index] = arena.string(value) }
        return array
    }

    /// A repeated scalar field's C array (copied into `arena`).
    @inlinable
    public static func array<T>(_ values: [T], in arena: ProtoCArena) -> UnsafeMutablePointer<T>? {
        guard let array = arena.allocate(T.self, count: values.count) else { return nil }
        for (index, value) in values.enumerated() { array[index] = value }
        return array
    }

    /// A repeated message field's C array: each element a struct in `arena`, filled by `fill`.
    @inlinable
    public static func messages<C, T>(
        _ values: [T], of _: C.Type, in arena: ProtoCArena, _ fill: (T, UnsafeMutablePointer<C>) -> Void
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<C>?>? {
        guard let array = arena.allocate(UnsafeMutablePointer<C>?.self, count: values.count) else { return nil }
        for (index, value) in values.enumerated() {
            let element = arena.allocate(C.self)
            fill(value, element)
            array[index] = element
        }
        return array
    }

    /// Packs the C message at `message` (its `base` first, as every protoc-c struct has).
    @inlinable
    public static func pack<C>(_ message: UnsafeMutablePointer<C>) -> [UInt8] {
        let base = UnsafeMutableRawPointer(message).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = buffer.baseAddress.map { protobuf_c_message_pack(base, $0) } ?? 0
        }
    }

    /// Unpacks `bytes` as the message whose descriptor an initialised `empty` carries, and
    /// reads it with `read` before freeing it.
    @inlinable
    public static func unpack<C, T>(
        _ bytes: UnsafeRawBufferPointer, like empty: inout C, protoName: String, _ read: (UnsafePointer<C>) -> T
    ) throws(WireCodingError) -> T {
        let descriptor = withUnsafeMutablePointer(to: &empty) {
            UnsafeMutableRawPointer($0).assumingMemoryBound(to: ProtobufCMessage.self).pointee.descriptor
        }
        guard let descriptor,
              let unpacked = protobuf_c_message_unpack(descriptor, nil, bytes.count,
                                                       bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)) else {
            throw .undecodable(protoName)
        }
        defer { protobuf_c_message_free_unpacked(unpacked, nil) }
        return read(UnsafeRawPointer(unpacked).assumingMemoryBound(to: C.self))
    }
}
