import Foundation
import HuanjuWire

/// A blocking Unix-socket client that sends arbitrary bytes, for feeding a server input
/// the real client never produces (use it inside `onOwnThread`).
public final class RawSocket: @unchecked Sendable {
    private let descriptor: Int32

    /// Connects (waiting while the listen queue is full); a read gives up after `receiveTimeoutSeconds`.
    public init(path: String, receiveTimeoutSeconds: Int = 5) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        // On failure `deinit` closes the descriptor (it runs for an initialiser that fails once
        // every property is set): closing it here too could close a descriptor another thread
        // has just been given the same number.
        guard connected == 0 else { throw RPCError(.unavailable, "connect \(path) failed: errno \(errno)") }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Connects without waiting: nil when the server's listen queue is full (EAGAIN), as a
    /// burst of clients finds it. The connection then blocks like the others.
    public init?(connectingWithoutWaitingTo path: String, receiveTimeoutSeconds: Int = 20) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8.prefix(raw.count - 1)))
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let error = errno // `deinit` closes the descriptor
            if error == EAGAIN { return nil }
            throw RPCError(.unavailable, "connect \(path) failed: errno \(error)")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~Int32(O_NONBLOCK))
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { Glibc.close(descriptor) }

    /// Closes the connection now.
    public func close() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Raises this process's soft limit on open descriptors to `count` (or its hard limit).
    public static func raiseOpenFilesLimit(to count: UInt64) {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = max(limit.rlim_cur, min(rlim_t(count), limit.rlim_max))
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    public func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    public func sendFrame(_ body: [UInt8]) {
        let length = UInt32(body.count).bigEndian
        send(withUnsafeBytes(of: length, Array.init) + body)
    }

    public func sendRequest(_ request: RPCV1.Request) throws {
        sendFrame(request.serializedBytes())
    }

    /// Reads exactly `count` bytes; nil at end of stream or timeout.
    private func read(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + filled, count - filled, 0) }
            guard got > 0 else { return nil }
            filled += got
        }
        return bytes
    }

    /// The next response frame; nil when the server closed the connection.
    public func readResponse() throws -> RPCV1.Response? {
        guard let header = read(4) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard let body = read(length) else { return nil }
        return try RPCV1.Response(serializedBytes: body)
    }

    /// True when the server has closed the connection (reads end of stream).
    public func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }
}

/// Runs blocking socket code on a thread of its own, so that it never starves Swift's
/// cooperative pool (two threads on a two-core machine) that the server's handlers run on.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
