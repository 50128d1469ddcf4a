import ServiceLifecycle

/// A background part of a service that runs `work` every `interval` of real time until a
/// graceful shutdown (room-session's sweeper and radar flusher, activation's feed clock). The
/// work is never interrupted halfway; a shutdown does not wait for the rest of an interval.
public struct Upkeep: Service {
    /// What the logs call it.
    public let name: String
    /// Real time between two runs.
    public let interval: Duration
    private let work: @Sendable () async -> Void

    /// An upkeep loop.
    public init(name: String, interval: Duration, work: @escaping @Sendable () async -> Void) {
        self.name = name
        self.interval = interval
        self.work = work
    }

    /// Runs `work` every `interval` until a graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                // A graceful shutdown ends the wait at once (a last flush follows the server's stop).
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            if Task.isShuttingDownGracefully { return }
            await work()
        }
    }
}
