import Histogram

/// What one connection counted while measuring: answers by outcome and their latencies.
/// Tallies of all connections are merged into the run's.
struct ConnectionTally: Sendable {
    var ok = 0
    var refused = 0
    var absent = 0
    var failed = 0
    /// Calls left unanswered when the connection closed or broke.
    var lost = 0
    /// Latency from writing a request to reading its response, in nanoseconds.
    var latency = Histogram<UInt64>(lowestDiscernibleValue: 100, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
    /// The first error the connection saw, in the server's or the protocol's words.
    var firstFailure: String?

    /// Answers counted.
    var answered: Int { ok + refused + absent + failed }

    /// Counts one answer.
    @inline(__always)
    mutating func record(_ outcome: CallOutcome, nanoseconds: UInt64) {
        switch outcome {
        case .ok: ok += 1
        case .refused: refused += 1
        case .absent: absent += 1
        case .failed: failed += 1
        }
        latency.record(max(nanoseconds, 100))
    }

    /// Notes a failure's words if it is the first.
    mutating func note(_ failure: String) {
        if firstFailure == nil { firstFailure = failure }
    }

    /// Adds `other`'s counts to these.
    mutating func merge(_ other: ConnectionTally) {
        ok += other.ok
        refused += other.refused
        absent += other.absent
        failed += other.failed
        lost += other.lost
        latency.add(other.latency)
        if firstFailure == nil { firstFailure = other.firstFailure }
    }
}
