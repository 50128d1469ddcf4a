import Foundation
import HuanjuWire
import Synchronization

/// A service's two listening sockets, created and held by the test process the way systemd's
/// .socket units hold them: bound in the runtime directory with the units' modes (public 0660,
/// operator 0600), listening, and kept open while the service restarts, so that connections
/// made meanwhile wait in their backlog instead of being refused.
public final class SocketUnit: Sendable {
    public let publicPath: String
    public let operatorPath: String
    public let publicDescriptor: Int32
    public let operatorDescriptor: Int32
    private let closed = Atomic<Bool>(false)

    /// Binds and listens on `<runtimeDirectory>/<service>.sock` and `<service>-admin.sock`.
    public init(runtimeDirectory: String, service: String, backlog: Int32 = 1024) throws {
        try FileManager.default.createDirectory(atPath: runtimeDirectory, withIntermediateDirectories: true)
        publicPath = "\(runtimeDirectory)/\(service).sock"
        operatorPath = "\(runtimeDirectory)/\(service)-admin.sock"
        publicDescriptor = try Self.listeningSocket(at: publicPath, mode: 0o660, backlog: backlog)
        do {
            operatorDescriptor = try Self.listeningSocket(at: operatorPath, mode: 0o600, backlog: backlog)
        } catch {
            Glibc.close(publicDescriptor)
            throw error
        }
    }

    /// The descriptors in systemd's order for the names `public:operator`.
    public var descriptors: [Int32] { [publicDescriptor, operatorDescriptor] }

    /// Closes the test's copies; the files stay, as systemd leaves them (`RemoveOnStop=no`).
    public func close() {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        Glibc.close(publicDescriptor)
        Glibc.close(operatorDescriptor)
    }

    deinit { close() }

    /// A listening Unix stream socket (close-on-exec) bound at `path`, its file created with `mode`.
    public static func listeningSocket(at path: String, mode: mode_t, backlog: Int32 = 1024) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw RPCError(.internal, "socket(): errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8.prefix(raw.count - 1)))
        }
        // chmod, not the umask: the umask is the whole process's, and tests run in parallel.
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, chmod(path, mode) == 0, listen(descriptor, backlog) == 0 else {
            let error = errno
            Glibc.close(descriptor)
            throw RPCError(.internal, "cannot listen on \(path): errno \(error)")
        }
        return descriptor
    }
}
