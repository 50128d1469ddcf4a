import ServiceLifecycle

/// A background part of the service that runs `work` every `interval` of real time until a
/// graceful shutdown (the sweeper and the radar flusher). The work is never interrupted
/// halfway; a shutdown does not wait for the rest of an interval.
public struct RoomSessionUpkeep: Service {
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

    /// The sweeper: `RoomSessionCore.sweep()` every 500 ms.
    public static func sweeper(_ core: RoomSessionCore, interval: Duration = .milliseconds(500)) -> RoomSessionUpkeep {
        RoomSessionUpkeep(name: "sweeper", interval: interval) { await core.sweep() }
    }

    /// The radar flusher: `RoomSessionCore.flush()` every 5 s. Most changes on a busy viewer
    /// path are heartbeats moving a viewer's last seen, and each write is an SQLite upsert per
    /// changed viewer: every 5 s a busy viewer is written once instead of five times, which
    /// took the flusher from a fifth of the service's CPU to under a tenth at 16 × 32
    /// (Tests/Benchmarks/RESULTS.md). A crash loses at most the last 5 s of radar counters
    /// (watch time and last seen; never an admission: presence is a lease held in memory by
    /// design).
    public static func flusher(_ core: RoomSessionCore, interval: Duration = .seconds(5)) -> RoomSessionUpkeep {
        RoomSessionUpkeep(name: "radar-flusher", interval: interval) { await core.flush() }
    }

    /// Runs `work` every `interval` until a graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                // A graceful shutdown ends the wait at once (the last flush follows the server's stop).
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            if Task.isShuttingDownGracefully { return }
            await work()
        }
    }
}
