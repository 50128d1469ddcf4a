import CProtobufC

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// reads it with `read` before freeing it. protobuf-c's allocations (the struct, its strings
    /// and sub-messages) come from a scratch block on the stack while it lasts, then from malloc.
    @inlinable
    public static func unpack<C, T>(
        _ bytes: UnsafeRawBufferPointer, like empty: inout C, protoName: String, _ read: (UnsafePointer<C>) -> T
    ) throws(WireCodingError) -> T {
        let descriptor = withUnsafeMutablePointer(to: &empty) {
            UnsafeMutableRawPointer($0).assumingMemoryBound(to: ProtobufCMessage.self).pointee.descriptor
        }
        guard let descriptor else { throw .undecodable(protoName) }
        let result: T? = withUnsafeTemporaryAllocation(byteCount: ScratchAllocator.scratchBytes, alignment: 16) { scratch in
            var allocator = ScratchAllocator.make(in: scratch)
            guard let unpacked = protobuf_c_message_unpack(
                descriptor, &allocator, bytes.count, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)) else {
                return nil
            }
            defer { protobuf_c_message_free_unpacked(unpacked, &allocator) }
            return read(UnsafeRawPointer(unpacked).assumingMemoryBound(to: C.self))
        }
        guard let result else { throw .undecodable(protoName) }
        return result
    }
}

/// A protobuf-c allocator that carves from a scratch block (on the caller's stack) and falls
/// back to malloc when the block is used up; freeing scratch memory does nothing. Saves the
/// handful of malloc/free pairs each decode would cost.
public enum ScratchAllocator {
    /// Bytes of scratch per decode: room for an envelope or a small message with its strings.
    public static let scratchBytes = 1024

    /// An allocator over `scratch`; its bookkeeping lives in the first 16 bytes of it.
    @inlinable
    public static func make(in scratch: UnsafeMutableRawBufferPointer) -> ProtobufCAllocator {
        scratch.storeBytes(of: 16, toByteOffset: 0, as: Int.self)             // next free offset
        scratch.storeBytes(of: scratch.count, toByteOffset: 8, as: Int.self)  // capacity
        return ProtobufCAllocator(alloc: allocate, free: release, allocator_data: scratch.baseAddress)
    }

    @usableFromInline
    static let allocate: @convention(c) (UnsafeMutableRawPointer?, Int) -> UnsafeMutableRawPointer? = { data, size in
        guard let data else { return malloc(size) }
        let next = data.load(fromByteOffset: 0, as: Int.self)
        let capacity = data.load(fromByteOffset: 8, as: Int.self)
        let aligned = (max(size, 1) + 15) & ~15
        guard next + aligned <= capacity else { return malloc(size) }
        data.storeBytes(of: next + aligned, toByteOffset: 0, as: Int.self)
        return data + next
    }

    @usableFromInline
    static let release: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { data, pointer in
        guard let pointer else { return }
        if let data {
            let capacity = data.load(fromByteOffset: 8, as: Int.self)
            if pointer >= data, pointer < data + capacity { return }
        }
        free(pointer)
    }
}
