import HuanjuRuntime

/// Room-session's upkeep loops.
extension Upkeep {
    /// The sweeper: `RoomSessionCore.sweep()` every 500 ms.
    public static func sweeper(_ core: RoomSessionCore, interval: Duration = .milliseconds(500)) -> Upkeep {
        Upkeep(name: "sweeper", interval: interval) { await core.sweep() }
    }

    /// The radar flusher: `RoomSessionCore.flush()` every 5 s. Most changes on a busy viewer
    /// path are heartbeats moving a viewer's last seen, and each write is an SQLite upsert per
    /// changed viewer: every 5 s a busy viewer is written once instead of five times, which
    /// took the flusher from a fifth of the service's CPU to under a tenth at 16 × 32
    /// (Tests/Benchmarks/RESULTS.md). A crash loses at most the last 5 s of radar counters
    /// (watch time and last seen; never an admission: presence is a lease held in memory by
    /// design).
    public static func flusher(_ core: RoomSessionCore, interval: Duration = .seconds(5)) -> Upkeep {
        Upkeep(name: "radar-flusher", interval: interval) { await core.flush() }
    }
}
