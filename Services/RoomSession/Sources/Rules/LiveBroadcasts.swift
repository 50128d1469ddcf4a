import HuanjuDomain
import Synchronization

/// The live broadcasts' in-memory facts (`LiveBroadcast`) and the "one live broadcast at a
/// time" slots: one per code (RULES §7) and one per WeChat id for trials (the service's
/// choice, see `RoomSessionServiceOverview`).
///
/// A slot is held by the broadcast that took it last; it is free again once that broadcast's
/// room has ended (asked of the engine when another start wants it), so a broadcast that
/// reached its hard end frees its code at that instant, not at the next sweep.
final class LiveBroadcasts: Sendable {
    private struct State {
        var entries: [String: LiveBroadcast] = [:]
        var slots: [String: String] = [:]
    }

    private let state = Mutex(State())

    /// Registers a starting broadcast and takes its slot, unless the slot's holder is still
    /// live (`isLive` is asked about an opened holder; a holder still starting counts as live).
    ///
    /// - Returns: nil when registered; else the live holder, and nothing changed.
    func reserve(_ entry: LiveBroadcast, isLive: (LiveBroadcast) -> Bool) -> LiveBroadcast? {
        state.withLock { state in
            if let holderID = state.slots[entry.slot], let holder = state.entries[holderID],
               !holder.isOpened || isLive(holder) {
                return holder
            }
            state.entries[entry.broadcastID] = entry
            state.slots[entry.slot] = entry.broadcastID
            return nil
        }
    }

    /// Registers a broadcast reopened after a restart, its room open, holding its slot.
    func adopt(_ entry: LiveBroadcast) {
        state.withLock { state in
            state.entries[entry.broadcastID] = entry
            state.slots[entry.slot] = entry.broadcastID
        }
    }

    /// Notes that a registered broadcast's room is open.
    func markOpened(_ broadcastID: String) {
        state.withLock { $0.entries[broadcastID]?.isOpened = true }
    }

    /// Forgets a broadcast (its start failed, or its final radar is flushed) and frees its slot
    /// if it still holds it.
    func release(_ broadcastID: String) {
        state.withLock { state in
            guard let entry = state.entries.removeValue(forKey: broadcastID) else { return }
            if state.slots[entry.slot] == broadcastID { state.slots[entry.slot] = nil }
        }
    }

    /// The facts about a broadcast, if registered.
    func entry(_ broadcastID: String) -> LiveBroadcast? {
        state.withLock { $0.entries[broadcastID] }
    }

    /// How many broadcasts are registered.
    var count: Int {
        state.withLock { $0.entries.count }
    }

    /// Every registered broadcast.
    func all() -> [LiveBroadcast] {
        state.withLock { Array($0.entries.values) }
    }

    /// Notes that the arriving fee-bound end `end` was asked about.
    func markRechecked(_ broadcastID: String, end: Instant) {
        state.withLock { $0.entries[broadcastID]?.recheckedEnd = end }
    }

    /// Records the bounds activation gave when asked again (`renewed`'s code validity and fee ends).
    func updateBounds(_ broadcastID: String, to renewed: LiveBroadcast) {
        state.withLock { state in
            state.entries[broadcastID]?.codeValidUntil = renewed.codeValidUntil
            state.entries[broadcastID]?.feeActiveUntil = renewed.feeActiveUntil
        }
    }
}
