import Logging
import NIOCore

/// How an `RPCServer` listens and what it allows each connection.
///
/// Keys (the services map flags and environment onto these):
/// - `runtimeDirectory`: folder of the sockets `<serviceName>.sock` (0660),
///   `<serviceName>-admin.sock` (0600) and the lock file `<serviceName>.lock`.
/// - `maxFrameBytes`: largest frame accepted (default 4 MiB).
/// - `maxCallsInFlightPerConnection`: concurrent handlers per connection (default 64); later
///   calls wait in a queue, still subject to their deadline.
/// - `maxQueuedCallsPerConnection`: queued calls per connection before the server stops
///   reading from it (default 1024).
/// - `defaultDeadline` / `maxDeadline`: used when a request says 0 / caps what it says.
/// - `maxConnections`: connections served at once (default 4096); one more is answered
///   RESOURCE_EXHAUSTED for call id 0 and closed.
/// - `listenBacklog`: connection attempts the kernel queues until the server accepts them
///   (default 1024; Linux caps it at `net.core.somaxconn`); also set on inherited sockets.
/// - `idleTimeout`: a connection with no call in flight and no bytes arriving for this long is
///   closed (default 5 minutes); clients reconnect on their next call.
/// - `frameTimeout`: a frame must arrive whole within this long of its first byte (default
///   15 s), so a client sending a byte now and then cannot hold a connection forever.
public struct ServerConfiguration: Sendable {
    public var serviceName: String
    public var runtimeDirectory: String
    public var maxFrameBytes: Int = 4 * 1024 * 1024
    public var maxCallsInFlightPerConnection: Int = 64
    public var maxQueuedCallsPerConnection: Int = 1024
    public var defaultDeadline: TimeAmount = .seconds(30)
    public var maxDeadline: TimeAmount = .hours(1)
    public var maxConnections: Int = 4096
    public var listenBacklog: Int = 1024
    public var idleTimeout: TimeAmount = .minutes(5)
    public var frameTimeout: TimeAmount = .seconds(15)
    public var logger: Logger

    public init(serviceName: String, runtimeDirectory: String, logger: Logger = Logger(label: "huanju.rpc")) {
        self.serviceName = serviceName
        self.runtimeDirectory = runtimeDirectory
        self.logger = logger
    }

    /// `<runtimeDirectory>/<serviceName>.sock`.
    public var publicSocketPath: String { "\(runtimeDirectory)/\(serviceName).sock" }
    /// `<runtimeDirectory>/<serviceName>-admin.sock`.
    public var operatorSocketPath: String { "\(runtimeDirectory)/\(serviceName)-admin.sock" }
    /// `<runtimeDirectory>/<serviceName>.lock`, held while the server runs.
    public var lockPath: String { "\(runtimeDirectory)/\(serviceName).lock" }

    func deadline(forRequestedMilliseconds milliseconds: UInt64, from now: NIODeadline) -> NIODeadline {
        guard milliseconds > 0 else { return now + defaultDeadline }
        let capped = min(milliseconds, UInt64(maxDeadline.nanoseconds / 1_000_000))
        return now + .milliseconds(Int64(capped))
    }
}
