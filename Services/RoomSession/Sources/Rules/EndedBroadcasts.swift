import HuanjuDomain
import Synchronization

/// Broadcasts that ended recently and whose rooms left the engine, with their end instant:
/// so that a viewer joining one is told it ended (FAILED_PRECONDITION) rather than that it does
/// not exist, without a database read on the viewer path. Entries older than `retention` are
/// forgotten (a join then gets NOT_FOUND).
final class EndedBroadcasts: Sendable {
    /// How long an ended broadcast is remembered.
    static let retention = TimeSpan.hours(24)

    private let ended = Mutex<[String: Instant]>([:])

    /// Remembers that `broadcastID` ended at `instant`.
    func add(_ broadcastID: String, endedAt instant: Instant) {
        ended.withLock { $0[broadcastID] = instant }
    }

    /// When `broadcastID` ended, if remembered.
    func endedAt(_ broadcastID: String) -> Instant? {
        ended.withLock { $0[broadcastID] }
    }

    /// Forgets broadcasts that ended before `now - retention`.
    func prune(now: Instant) {
        let cutoff = now - Self.retention
        ended.withLock { ended in
            if ended.values.contains(where: { $0 < cutoff }) { ended = ended.filter { $0.value >= cutoff } }
        }
    }
}
