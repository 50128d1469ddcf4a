import HuanjuDomain
import HuanjuRuntime
import Logging
import Synchronization

/// The room-session service's rules and state behind its methods: starting and ending
/// broadcasts (asking activation), the viewer path straight into the `PresenceEngine`, the
/// data radar from the engine (live) or the database (ended), and the upkeep that ends rooms
/// at their hard end, follows fee renewals, persists the radar in batches and recovers after
/// a restart. It speaks in domain values: `RoomSessionHandlers` puts it on the wire,
/// `Upkeep.sweeper` and `.flusher` run its upkeep.
///
/// Who may do what (RULES §9–§10): a broadcast is seen and ended with its host token, or by
/// the account whose code started it (metadata `account-id`); anyone else is told it does not
/// exist, in the same words as for an unknown id.
public final class RoomSessionCore: Sendable {
    /// Viewer presence and radar counters of every room in memory.
    public let engine: PresenceEngine
    /// The database.
    public let store: RoomSessionStore
    /// The one source of "now".
    public let clock: any BusinessClock
    /// Activation, asked whether a code may start a broadcast (and again about fee renewals).
    let authorizer: any Authorizer
    /// The service's logger.
    let logger: Logger
    /// Facts about broadcasts whose rooms are in the engine, and the one-at-a-time slots.
    let live = LiveBroadcasts()
    /// Broadcasts whose rooms left the engine lately, for the viewer path's answers.
    let ended = EndedBroadcasts()
    /// A batch of radar changes drained but not written (its write failed); written first by
    /// the next flush.
    let unwritten = Mutex<[RoomFlush]>([])
    /// Live rooms and present viewers as of the last sweep, for the metrics.
    let lastSweep = Mutex<(liveRooms: Int, presentViewers: Int)>((0, 0))
    /// Outbox messages to activation not yet acknowledged, as of the last flush, for the metrics.
    let outboxBacklog = Mutex<Int>(0)

    /// A flush writing this many viewer lines or more returns the memory its batches used to the system.
    static let largeFlushViewers = 10_000

    /// A core over an opened store and an engine; call `recoverAfterRestart()` before serving.
    public init(
        engine: PresenceEngine, store: RoomSessionStore, clock: any BusinessClock, authorizer: any Authorizer, logger: Logger
    ) {
        self.engine = engine
        self.store = store
        self.clock = clock
        self.authorizer = authorizer
        self.logger = logger
    }

    // MARK: Shared helpers

    /// The same answer for an unknown broadcast and for someone else's (RULES §10).
    static func unknownBroadcast(_ broadcastID: String) -> DomainError {
        .notFound(
            "broadcast \(broadcastID) does not exist; check the id, and pass its host token or act as the "
                + "account whose code started it")
    }

    /// The broadcast `broadcastID` if the caller may see it (host token or owning account).
    ///
    /// - Throws: `invalidArgument` without an id; `notFound` for an unknown or foreign one.
    func authorizedBroadcast(_ broadcastID: String, token: String, account: String?) async throws -> BroadcastRecord {
        guard !broadcastID.isEmpty else { throw DomainError.invalidArgument("a broadcast_id is required") }
        guard let record = try await store.broadcast(broadcastID), record.admits(token: token, account: account) else {
            throw Self.unknownBroadcast(broadcastID)
        }
        return record
    }

    /// Why a room the engine reports as ended ended; nil while it is live.
    func endCause(of snapshot: RoomSnapshot) -> BroadcastEndCause? {
        guard let endedAt = snapshot.endedAt, let reason = snapshot.endReason else { return nil }
        switch reason {
        case .host:
            return .hostEnded
        case .hardEnd:
            return live.entry(snapshot.roomID)?.hardEndCause(at: endedAt)
                ?? .forHardEnd(at: endedAt, start: snapshot.startedAt, codeValidUntil: nil, feeActiveUntil: nil)
        }
    }

    /// `record` overlaid with its room's `snapshot`, if the engine has the room.
    func current(_ record: BroadcastRecord, room snapshot: RoomSnapshot?) -> CurrentBroadcast {
        guard let snapshot else { return CurrentBroadcast(stored: record) }
        return CurrentBroadcast(record, room: snapshot, engineEndCause: endCause(of: snapshot))
    }

    /// The room's state now, if the engine has the room.
    func snapshot(_ broadcastID: String, now: Instant) -> RoomSnapshot? {
        try? engine.snapshot(room: broadcastID, now: now)
    }

    /// `record` as it stands now: with the engine's room if it has it, else re-read when the
    /// record still said live (its room may have been flushed and removed since).
    func current(_ record: BroadcastRecord) async throws -> CurrentBroadcast {
        if let snapshot = snapshot(record.broadcastID, now: clock.now()) { return current(record, room: snapshot) }
        if record.isLive, let fresh = try await store.broadcast(record.broadcastID) { return CurrentBroadcast(stored: fresh) }
        return CurrentBroadcast(stored: record)
    }
}
