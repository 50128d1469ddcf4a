#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The whole text of the file at `path` (small files: /proc entries, the Redis script).
func readTextFile(_ path: String) throws -> String {
    guard let handle = fopen(path, "r") else {
        throw LoadGenError(description: "cannot read \(path): errno \(errno)")
    }
    defer { fclose(handle) }
    var bytes = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&chunk, 1, chunk.count, handle)
        if count <= 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}
