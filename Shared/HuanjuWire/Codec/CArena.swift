/// The C memory of one message tree being encoded: every block is zero-filled on
/// allocation and all are freed together when the arena is released, so nothing leaks
/// whatever the encoder throws midway. Never shared: it lives inside one encode call.
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    init() {}

    deinit {
        for block in blocks { free(block) }
    }

    /// `byteCount` zeroed bytes, aligned for any C scalar or pointer.
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        guard let block = calloc(1, max(byteCount, 1)) else {
            fatalError("out of memory allocating \(byteCount) bytes")
        }
        blocks.append(block)
        return block
    }

    /// A NUL-terminated copy of `string`.
    func duplicate(_ string: String) -> UnsafeMutablePointer<CChar> {
        let utf8 = Array(string.utf8)
        let block = allocate(byteCount: utf8.count + 1) // zeroed: the terminating NUL is there
        utf8.withUnsafeBytes { source in
            if let base = source.baseAddress { block.copyMemory(from: base, byteCount: source.count) }
        }
        return block.assumingMemoryBound(to: CChar.self)
    }

    /// A copy of `bytes` (nil for an empty array, as protobuf-c expects).
    func duplicate(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8>? {
        guard !bytes.isEmpty else { return nil }
        let block = allocate(byteCount: bytes.count)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { block.copyMemory(from: base, byteCount: source.count) }
        }
        return block.assumingMemoryBound(to: UInt8.self)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
