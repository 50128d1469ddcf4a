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

    /// Removes a socket file a dead process left behind (the caller holds the runtime lock,
    /// so no live server owns it). Anything that is not a socket is left alone.
    static func removeStale(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw ServerStartupError.notASocket(path) }
        unlink(path)
    }

    static func remove(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK {
            unlink(path)
        }
    }
}
