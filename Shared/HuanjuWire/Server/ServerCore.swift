import Logging
import NIOCore
import Synchronization

/// What every connection of one server shares: the router, the limits, the queue of calls
/// for the server's task group, and whether the server is draining for shutdown.
final class ServerCore: Sendable {
    let router: Router
    let configuration: ServerConfiguration
    let jobs: AsyncStream<CallJob>.Continuation
    private let draining = Atomic<Bool>(false)
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])

    init(router: Router, configuration: ServerConfiguration, jobs: AsyncStream<CallJob>.Continuation) {
        self.router = router
        self.configuration = configuration
        self.jobs = jobs
    }

    var logger: Logger { configuration.logger }

    /// True once shutdown began: new calls are answered UNAVAILABLE.
    var isDraining: Bool { draining.load(ordering: .relaxed) }

    func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }

    /// Counts a new connection in; false (and not counted) when the server already serves
    /// `maxConnections`.
    func connectionOpened(_ channel: any Channel) -> Bool {
        connections.withLock { open in
            guard open.count < configuration.maxConnections else { return false }
            open[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func connectionClosed(_ channel: any Channel) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Closes every open connection and waits until each is closed.
    func closeAllConnections() async {
        let open = connections.withLock { Array($0.values) }
        for channel in open {
            try? await channel.close()
        }
    }
}
