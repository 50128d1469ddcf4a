#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, held while a process uses what the file guards: a server
/// holds `<runtime-dir>/<service>.lock` so that a second process cannot steal its sockets,
/// and `<data-dir>/<service>.lock` so that a second process cannot write its database. The
/// kernel releases it when the process dies (even by `kill -9`), which is what lets a stale
/// socket be replaced. The file holds the holder's pid, for the error a second process gets.
public final class LockFile: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the runtime directory's lock or throws `ServerStartupError.alreadyRunning` naming
    /// the holder's pid.
    static func acquire(path: String, serviceName: String) throws -> LockFile {
        try acquire(path: path) { holder in
            ServerStartupError.alreadyRunning(serviceName: serviceName, lockPath: path, pid: holder)
        }
    }

    /// Takes the lock on `path` (created 0600 if missing), or throws `held(pid of the holder)`.
    public static func acquire(path: String, held: (Int32?) -> any Error) throws -> LockFile {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ServerStartupError.cannotCreate(path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = readPID(descriptor)
            close(descriptor)
            throw held(holder)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return LockFile(descriptor: descriptor)
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [CChar](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count - 1, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Int32(text.filter(\.isNumber))
    }

    /// Gives the lock up (the process exiting does the same).
    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
