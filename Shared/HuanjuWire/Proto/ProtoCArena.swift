#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C memory of one message being encoded: the message struct, its sub-messages, and
/// copies of its strings and bytes, carved from a few blocks (the first small, each next one
/// twice as large) and freed together when the encoding is done. Lives inside one
/// `serializedBytes()` call; never shared. (Messages with no sub-message, repeated field or
/// oneof need none: they are encoded from the stack, `withProtoC`.)
///
/// Memory is not cleared: every C struct is initialised by protoc-c's `…__init`, every array
/// element is assigned, and strings get their terminating NUL.
public final class ProtoCArena {
    private var blocks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0
    private var nextBlockSize = 512
    private static let alignment = 16

    public init() {}

    deinit {
        for block in blocks { free(block) }
    }

    /// `byteCount` bytes, aligned for any C value (not cleared).
    public func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let size = (max(byteCount, 1) + Self.alignment - 1) & ~(Self.alignment - 1)
        if size > remaining {
            let blockSize = max(size, nextBlockSize)
            nextBlockSize = min(nextBlockSize * 2, 64 * 1024)
            guard let block = malloc(blockSize) else { fatalError("out of memory allocating \(blockSize) bytes") }
            blocks.append(block)
            cursor = block
            remaining = blockSize
        }
        guard let start = cursor else { fatalError("arena without a block") }
        cursor = start + size
        remaining -= size
        return start
    }

    /// One `T` (a C message struct, to be initialised by its `…__init`).
    public func allocate<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        allocate(byteCount: MemoryLayout<T>.stride).bindMemory(to: T.self, capacity: 1)
    }

    /// `count` `T`s (a repeated field's array, every element to be assigned); nil when `count`
    /// is 0, as protobuf-c expects.
    public func allocate<T>(_: T.Type, count: Int) -> UnsafeMutablePointer<T>? {
        guard count > 0 else { return nil }
        return allocate(byteCount: MemoryLayout<T>.stride * count).bindMemory(to: T.self, capacity: count)
    }

    /// A NUL-terminated copy of `string` (the validator guarantees it holds no NUL).
    public func string(_ string: String) -> UnsafeMutablePointer<CChar> {
        var string = string
        return string.withUTF8 { utf8 in
            let block = allocate(byteCount: utf8.count + 1)
            if let base = utf8.baseAddress { block.copyMemory(from: base, byteCount: utf8.count) }
            block.storeBytes(of: 0, toByteOffset: utf8.count, as: UInt8.self)
            return block.bindMemory(to: CChar.self, capacity: utf8.count + 1)
        }
    }

    /// A copy of `bytes` (nil for none).
    public func bytes(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8>? {
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBytes { source in
            let block = allocate(byteCount: source.count)
            if let base = source.baseAddress { block.copyMemory(from: base, byteCount: source.count) }
            return block.bindMemory(to: UInt8.self, capacity: source.count)
        }
    }
}
