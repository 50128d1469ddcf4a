#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The runtime directory and the socket files in it.
enum SocketFiles {
    /// Creates the runtime directory (and parents) if missing.
    static func prepareDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/\(component)"
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw ServerStartupError.cannotCreate(prefix, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Removes a socket file a dead process left behind. The caller holds the runtime lock, so
    /// no server of ours owns it; but a service manager's socket unit may listen on it without
    /// the lock (socket activation), and that one is never taken away. Anything that is not a
    /// socket is left alone.
    static func removeStale(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw ServerStartupError.notASocket(path) }
        guard !hasListener(path) else { throw ServerStartupError.socketInUse(path) }
        unlink(path)
    }

    static func remove(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK {
            unlink(path)
        }
    }

    /// Whether a process listens on the socket file at `path`: a connection attempt that does
    /// not wait is accepted into its backlog, or finds the backlog full. A file nobody listens
    /// on refuses (ECONNREFUSED).
    static func hasListener(_ path: String) -> Bool {
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        if descriptor >= 0 { _ = fcntl(descriptor, F_SETFL, O_NONBLOCK) }
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let fits = withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            guard bytes.count < raw.count else { return false }
            raw.copyBytes(from: bytes)
            return true
        }
        guard fits else { return false }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return connected == 0 || errno == EAGAIN || errno == EINPROGRESS
    }

    /// Whether two paths name the same place: equal as written, or once symbolic links are
    /// resolved (`/var/run` is often a link to `/run`).
    static func samePath(_ first: String, _ second: String) -> Bool {
        first == second || resolved(first).map { $0 == resolved(second) } ?? false
    }

    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
