/// Why a server could not start listening. Each message says what to do about it.
public enum ServerStartupError: Error, Sendable, CustomStringConvertible {
    case alreadyRunning(serviceName: String, lockPath: String, pid: Int32?)
    case notASocket(String)
    /// A socket file another process listens on (a systemd socket unit, say).
    case socketInUse(String)
    case cannotCreate(String, reason: String)
    /// `LISTEN_PID`, `LISTEN_FDS` or `LISTEN_FDNAMES` does not make sense.
    case listenEnvironment(String)
    /// A descriptor passed by the service manager is not a listening Unix stream socket.
    case inheritedDescriptor(descriptor: Int32, name: String?, problem: String)
    /// The passed sockets are not one public and one operator socket.
    case inheritedSockets(String)

    public var description: String {
        switch self {
        case .alreadyRunning(let service, let lockPath, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "another \(service) server (\(holder)) is already serving from this runtime directory (it holds \(lockPath)); stop it first or choose another runtime directory"
        case .notASocket(let path):
            return "refusing to replace \(path): it exists and is not a socket; move it away or choose another runtime directory"
        case .socketInUse(let path):
            return "refusing to replace \(path): another process listens on it (a systemd socket unit? `systemctl status` names it); "
                + "stop that first, let it start this service, or choose another runtime directory"
        case .cannotCreate(let path, let reason):
            return "cannot create \(path): \(reason)"
        case .listenEnvironment(let problem):
            return "socket activation: \(problem); the service manager sets LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES "
                + "(sd_listen_fds(3)): fix the unit, or unset them to let the service bind its own sockets"
        case .inheritedDescriptor(let descriptor, let name, let problem):
            let named = name.map { " (\($0))" } ?? ""
            return "socket activation: inherited descriptor \(descriptor)\(named) \(problem); the service needs two listening "
                + "Unix stream sockets from its .socket units (ListenStream=/run/huanju/<service>.sock and …-admin.sock)"
        case .inheritedSockets(let problem):
            return "socket activation: \(problem)"
        }
    }
}
