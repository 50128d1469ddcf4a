import HuanjuDomain

/// Converts between instants and a room's compact time: signed milliseconds from its start, in
/// 32 bits (±24.8 days), as `ViewerRecord` stores them.
struct RoomClock: Sendable {
    /// The room's start, offset 0.
    let start: Instant

    /// `instant` as milliseconds from the start, exactly (for comparisons and sums).
    func milliseconds(_ instant: Instant) -> Int64 {
        instant.unixMilliseconds &- start.unixMilliseconds
    }

    /// `instant` as a stored offset; instants beyond ±24.8 days saturate (the engine never
    /// admits a room that long, so only a clock far outside the broadcast reaches this).
    func offset(_ instant: Instant) -> Int32 {
        Int32(clamping: milliseconds(instant))
    }

    /// The instant at `offset` milliseconds from the start.
    func instant(_ offset: Int64) -> Instant {
        Instant(unixMilliseconds: start.unixMilliseconds &+ offset)
    }

    /// The instant of a stored offset.
    func instant(_ offset: Int32) -> Instant {
        instant(Int64(offset))
    }
}
