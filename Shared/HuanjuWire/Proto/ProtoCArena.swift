#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C memory of one message being encoded: the message struct, its sub-messages, and
/// copies of its strings and bytes, carved from a few large blocks and freed together when
/// the encoding is done. Lives inside one `serializedBytes()` call; never shared.
public final class ProtoCArena {
    private var blocks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0
    private static let blockSize = 4096
    private static let alignment = 16

    public init() {}

    deinit {
        for block in blocks { free(block) }
    }

    /// `byteCount` zeroed bytes, aligned for any C value.
    public func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let size = (max(byteCount, 1) + Self.alignment - 1) & ~(Self.alignment - 1)
        if size > remaining {
            let blockSize = max(size, Self.blockSize)
            guard let block = calloc(1, blockSize) else { fatalError("out of memory allocating \(blockSize) bytes") }
            blocks.append(block)
            cursor = block
            remaining = blockSize
        }
        guard let start = cursor else { fatalError("arena without a block") }
        cursor = start + size
        remaining -= size
        return start
    }

    /// One zeroed `T` (a C message struct).
    public func allocate<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        allocate(byteCount: MemoryLayout<T>.stride).bindMemory(to: T.self, capacity: 1)
    }

    /// `count` zeroed `T`s (a repeated field's array); nil when `count` is 0, as protobuf-c expects.
    public func allocate<T>(_: T.Type, count: Int) -> UnsafeMutablePointer<T>? {
        guard count > 0 else { return nil }
        return allocate(byteCount: MemoryLayout<T>.stride * count).bindMemory(to: T.self, capacity: count)
    }

    /// A NUL-terminated copy of `string` (the validator guarantees it holds no NUL).
    public func string(_ string: String) -> UnsafeMutablePointer<CChar> {
        var string = string
        return string.withUTF8 { utf8 in
            let block = allocate(byteCount: utf8.count + 1)   // zeroed: the terminating NUL is there
            if let base = utf8.baseAddress { block.copyMemory(from: base, byteCount: utf8.count) }
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
