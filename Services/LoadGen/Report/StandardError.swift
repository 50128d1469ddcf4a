#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writes a line to standard error.
func printError(_ line: String) {
    var standardError = StandardError()
    print(line, to: &standardError)
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { writeToStandardError($0) }
    }
}

/// Writes `bytes` to file descriptor 2 (unbuffered, so that it interleaves with the server's logs).
private func writeToStandardError(_ bytes: UnsafeBufferPointer<UInt8>) {
    _ = write(2, bytes.baseAddress, bytes.count)
}
