#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The two listening sockets a service manager handed this process — systemd's socket
/// activation, the `sd_listen_fds(3)` protocol — which the server serves on instead of
/// binding its own, so that the sockets (and the connections waiting in their backlog)
/// outlive a restart of the process.
///
/// The protocol: `LISTEN_PID` is this process's pid, `LISTEN_FDS` the number of descriptors
/// passed, which start at 3, and `LISTEN_FDNAMES` their colon-separated names, set by
/// `FileDescriptorName=` in the .socket units: `public` and `operator`. A descriptor without
/// one of these names (no `LISTEN_FDNAMES`, or systemd's default, the unit's name) is
/// recognised by the path it is bound to. Each must be a listening AF_UNIX stream socket and
/// both must be there; anything else is a start-up error naming the descriptor and what is
/// wrong. Without `LISTEN_FDS` (`make up`, tests) the server binds as it always did.
public struct InheritedListeners: Sendable, Equatable {
    /// One inherited listening socket.
    public struct Listener: Sendable, Equatable {
        public let descriptor: Int32
        /// The path it is bound to, as the service manager bound it.
        public let path: String
    }

    /// A descriptor the environment says was passed, with its name if it has one.
    struct Passed: Sendable, Equatable {
        let descriptor: Int32
        let name: String?
    }

    /// The socket for customer calls (`FileDescriptorName=public`).
    public let publicSocket: Listener
    /// The socket for operator calls (`FileDescriptorName=operator`).
    public let operatorSocket: Listener

    /// The first passed descriptor (`SD_LISTEN_FDS_START`).
    static let firstDescriptor: Int32 = 3
    static let variables = ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"]
    static let publicName = "public"
    static let operatorName = "operator"

    /// Takes the sockets passed to this process, or nil when none were (no `LISTEN_FDS`, or
    /// they were meant for another process: `LISTEN_PID` differs) and the server binds its own.
    /// Unsets the `LISTEN_*` variables either way, so that no child inherits them, and marks
    /// the descriptors close-on-exec. Call it once, early, while the process has one thread
    /// reading its environment. Throws `ServerStartupError` when what was passed is unusable.
    public static func take(for configuration: ServerConfiguration) throws -> InheritedListeners? {
        var environment: [String: String] = [:]
        for name in variables {
            if let value = getenv(name) { environment[name] = String(cString: value) }
            unsetenv(name)
        }
        guard let passed = try passedDescriptors(environment, pid: getpid()) else { return nil }
        for item in passed {
            let flags = fcntl(item.descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(item.descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
        return try identify(passed, for: configuration)
    }

    /// What `environment` says was passed to process `pid`: nil when nothing was (no
    /// `LISTEN_FDS`, zero descriptors, or a `LISTEN_PID` naming another process).
    static func passedDescriptors(_ environment: [String: String], pid: Int32) throws -> [Passed]? {
        guard let countText = environment["LISTEN_FDS"] else { return nil }
        guard let pidText = environment["LISTEN_PID"] else {
            throw ServerStartupError.listenEnvironment("LISTEN_FDS=\(countText) is set but LISTEN_PID is not, so the descriptors cannot be known to be this process's")
        }
        guard let listenPID = Int32(pidText), listenPID > 0 else {
            throw ServerStartupError.listenEnvironment("LISTEN_PID=\(pidText) is not a process id")
        }
        guard listenPID == pid else { return nil }
        guard let count = Int32(countText), (0...64).contains(count) else {
            throw ServerStartupError.listenEnvironment("LISTEN_FDS=\(countText) is not a number of descriptors (0–64)")
        }
        guard count > 0 else { return nil }
        var names: [String?] = Array(repeating: nil, count: Int(count))
        if let namesText = environment["LISTEN_FDNAMES"] {
            let given = namesText.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard given.count == Int(count) else {
                throw ServerStartupError.listenEnvironment(
                    "LISTEN_FDNAMES=\(namesText) names \(given.count) descriptors but LISTEN_FDS=\(count)")
            }
            names = given.map { $0.isEmpty ? nil : $0 }
        }
        return names.enumerated().map { Passed(descriptor: firstDescriptor + Int32($0.offset), name: $0.element) }
    }

    /// Checks each passed descriptor and tells the public socket from the operator socket: by
    /// name (`public`, `operator`), else by the path it is bound to.
    static func identify(_ passed: [Passed], for configuration: ServerConfiguration) throws -> InheritedListeners {
        var publicSocket: Listener?
        var operatorSocket: Listener?
        for item in passed {
            let path = try listeningUnixPath(item)
            let listener = Listener(descriptor: item.descriptor, path: path)
            let isPublic: Bool
            switch item.name {
            case publicName?: isPublic = true
            case operatorName?: isPublic = false
            default:
                if SocketFiles.samePath(path, configuration.publicSocketPath) {
                    isPublic = true
                } else if SocketFiles.samePath(path, configuration.operatorSocketPath) {
                    isPublic = false
                } else {
                    throw ServerStartupError.inheritedSockets("""
                        inherited socket \(describe(item)) bound to \(path) is neither the public socket \
                        (\(configuration.publicSocketPath)) nor the operator socket (\(configuration.operatorSocketPath)): \
                        name it FileDescriptorName=public or FileDescriptorName=operator in its .socket unit
                        """)
                }
            }
            let role = isPublic ? publicName : operatorName
            if let earlier = isPublic ? publicSocket : operatorSocket {
                throw ServerStartupError.inheritedSockets(
                    "two inherited sockets are the \(role) socket (descriptors \(earlier.descriptor) and \(item.descriptor)); pass exactly one of each")
            }
            if isPublic { publicSocket = listener } else { operatorSocket = listener }
        }
        guard let publicSocket, let operatorSocket else {
            let missing = publicSocket == nil ? publicName : operatorName
            let passedText = passed.isEmpty ? "nothing" : passed.map(describe).joined(separator: ", ")
            throw ServerStartupError.inheritedSockets("""
                the service manager passed no \(missing) socket (it passed \(passedText)); socket activation needs both: \
                huanju-\(configuration.serviceName).socket (FileDescriptorName=public) and \
                huanju-\(configuration.serviceName)-admin.socket (FileDescriptorName=operator), both listed in \
                Sockets= of huanju-\(configuration.serviceName).service
                """)
        }
        return InheritedListeners(publicSocket: publicSocket, operatorSocket: operatorSocket)
    }

    /// The inherited sockets bound somewhere else than the configured runtime directory
    /// expects (peers look for them there): (role, bound path, configured path).
    public func boundElsewhere(than configuration: ServerConfiguration) -> [(role: String, bound: String, configured: String)] {
        [(Self.publicName, publicSocket.path, configuration.publicSocketPath),
         (Self.operatorName, operatorSocket.path, configuration.operatorSocketPath)]
            .filter { !SocketFiles.samePath($0.1, $0.2) }
            .map { (role: $0.0, bound: $0.1, configured: $0.2) }
    }

    /// "descriptor 3 (public)", for messages.
    private static func describe(_ item: Passed) -> String {
        "descriptor \(item.descriptor)" + (item.name.map { " (\($0))" } ?? "")
    }

    /// The path a listening AF_UNIX stream socket is bound to; throws naming what the
    /// descriptor is otherwise.
    private static func listeningUnixPath(_ item: Passed) throws -> String {
        func refuse(_ problem: String) -> ServerStartupError {
            .inheritedDescriptor(descriptor: item.descriptor, name: item.name, problem: problem)
        }
        var info = stat()
        guard fstat(item.descriptor, &info) == 0 else {
            throw refuse("cannot be examined (\(String(cString: strerror(errno)))): it is not open")
        }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw refuse("is \(fileKind(info.st_mode)), not a socket") }

        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(item.descriptor, $0, &length) }
        }
        guard named == 0 else { throw refuse("is a socket whose address cannot be read (\(String(cString: strerror(errno))))") }
        guard Int32(address.ss_family) == AF_UNIX else {
            throw refuse("is \(familyName(Int32(address.ss_family))) socket, not a Unix socket (ListenStream= takes a path)")
        }
        guard let type = integerOption(item.descriptor, SO_TYPE), type == socketStream else {
            throw refuse("is a Unix socket but not a stream socket (ListenStream=, not ListenDatagram= or ListenSequentialPacket=)")
        }
        guard integerOption(item.descriptor, SO_ACCEPTCONN) == 1 else {
            throw refuse("is a Unix stream socket that is not listening")
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr_un.self, capacity: 1) { unix in
                withUnsafeBytes(of: unix.pointee.sun_path) { raw in
                    let pathBytes = raw.prefix(max(0, Int(length) - MemoryLayout<sa_family_t>.size))
                    // An abstract address starts with a NUL; a path ends at its first NUL.
                    if pathBytes.first == 0 { return "@" + String(decoding: pathBytes.dropFirst().prefix { $0 != 0 }, as: UTF8.self) }
                    return String(decoding: pathBytes.prefix { $0 != 0 }, as: UTF8.self)
                }
            }
        }
    }

    private static func integerOption(_ descriptor: Int32, _ option: Int32) -> Int32? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, SOL_SOCKET, option, &value, &length) == 0 ? value : nil
    }

    #if canImport(Glibc)
    private static let socketStream = Int32(SOCK_STREAM.rawValue)
    #else
    private static let socketStream = SOCK_STREAM
    #endif

    private static func fileKind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a directory"
        case S_IFIFO: "a pipe"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        case 0: "an anonymous descriptor (epoll, eventfd, timerfd…: was the socket closed on exec and its number reused?)"
        default: "an unknown kind of file"
        }
    }

    private static func familyName(_ family: Int32) -> String {
        switch family {
        case AF_INET: "an IPv4 (AF_INET)"
        case AF_INET6: "an IPv6 (AF_INET6)"
        default: "an address family \(family)"
        }
    }
}
