/// Why a server could not start listening. Each message says what to do about it.
public enum ServerStartupError: Error, Sendable, CustomStringConvertible {
    case alreadyRunning(serviceName: String, lockPath: String, pid: Int32?)
    case notASocket(String)
    case cannotCreate(String, reason: String)

    public var description: String {
        switch self {
        case .alreadyRunning(let service, let lockPath, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "another \(service) server (\(holder)) is already serving from this runtime directory (it holds \(lockPath)); stop it first or choose another runtime directory"
        case .notASocket(let path):
            return "refusing to replace \(path): it exists and is not a socket; move it away or choose another runtime directory"
        case .cannotCreate(let path, let reason):
            return "cannot create \(path): \(reason)"
        }
    }
}
