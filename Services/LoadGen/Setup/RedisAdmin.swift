#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A blocking RESP client for the few set-up commands of a Redis run (load the script, empty
/// the database, count members, read memory). Not for the measured calls.
final class RedisAdmin {
    /// A reply, as far as set-up needs one.
    enum Reply: Equatable {
        case simple(String)
        case error(String)
        case integer(Int64)
        case bulk(String?)
    }

    private let descriptor: Int32
    private var pending: [UInt8] = []

    /// Connects to the Unix socket `path`.
    init(socketPath path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoadGenError(description: "socket(): errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(descriptor)
            throw LoadGenError(description: "the socket path \(path) is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw LoadGenError(description: "cannot connect to Redis at \(path): errno \(errno); is redis-server running with --unixsocket \(path)?")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends one command and reads its reply; a Redis error reply is returned, not thrown.
    func command(_ arguments: [String]) throws -> Reply {
        var request = Array("*\(arguments.count)\r\n".utf8)
        for argument in arguments {
            let bytes = Array(argument.utf8)
            request += Array("$\(bytes.count)\r\n".utf8) + bytes + [13, 10]
        }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw LoadGenError(description: "writing to Redis failed: errno \(errno)") }
            sent += count
        }
        let header = try readLine()
        let text = String(decoding: header.dropFirst(), as: UTF8.self)
        switch header.first {
        case UInt8(ascii: "+"): return .simple(text)
        case UInt8(ascii: "-"): return .error(text)
        case UInt8(ascii: ":"): return .integer(Int64(text) ?? 0)
        case UInt8(ascii: "$"):
            guard let length = Int(text), length >= 0 else { return .bulk(nil) }
            let body = try readBytes(length + 2)
            return .bulk(String(decoding: body.prefix(length), as: UTF8.self))
        default:
            throw LoadGenError(description: "Redis sent an unexpected reply '\(String(decoding: header, as: UTF8.self))'")
        }
    }

    /// Sends a command whose reply must be an integer.
    func integer(_ arguments: [String]) throws -> Int64 {
        guard case .integer(let value) = try command(arguments) else {
            throw LoadGenError(description: "Redis did not answer \(arguments.first ?? "") with an integer")
        }
        return value
    }

    private func readLine() throws -> [UInt8] {
        while true {
            if let end = pending.indices.dropLast().first(where: { pending[$0] == 13 && pending[$0 + 1] == 10 }) {
                let line = Array(pending[..<end])
                pending.removeFirst(end + 2)
                return line
            }
            try fill()
        }
    }

    private func readBytes(_ count: Int) throws -> [UInt8] {
        while pending.count < count { try fill() }
        let bytes = Array(pending[..<count])
        pending.removeFirst(count)
        return bytes
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { throw LoadGenError(description: "Redis closed the connection") }
        pending += chunk[..<count]
    }
}
