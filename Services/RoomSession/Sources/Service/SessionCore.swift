import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire
import Logging
import Synchronization

/// The room-session service's behaviour behind its methods: starting and ending broadcasts
/// (asking activation), the viewer path straight into the `PresenceEngine`, the data radar
/// from the engine (live) or the database (ended), and the upkeep that ends rooms at their
/// hard end, follows fee renewals and persists the radar in batches. `SessionRouter` puts it
/// on the wire; `RoomSessionUpkeep` runs its upkeep.
///
/// Who may do what (RULES §9–§10): a broadcast is seen and ended with its host token, or by
/// the account whose code started it (metadata `account-id`); anyone else is told it does not
/// exist, in the same words as for an unknown id.
public final class SessionCore: Sendable {
    /// Viewer presence and radar counters of every room in memory.
    public let engine: PresenceEngine
    /// The database.
    public let store: SessionStore
    /// The one source of "now".
    public let clock: any BusinessClock
    let authorizer: any Authorizer
    let logger: Logger
    /// Facts about broadcasts whose rooms are in the engine, and the one-at-a-time slots.
    let live = LiveBroadcasts()
    /// Broadcasts whose rooms left the engine lately, for the viewer path's answers.
    let ended = EndedBroadcasts()
    /// Radar changes drained and not yet written.
    let pending = Mutex(PendingRadar())
    /// When every live broadcast was last marked flushed (real time).
    let lastTouch = Mutex<ContinuousClock.Instant?>(nil)
    /// Live rooms and present viewers as of the last sweep, for the metrics.
    let lastSweep = Mutex<(liveRooms: Int, presentViewers: Int)>((0, 0))

    /// How often live broadcasts are marked flushed when their radar does not change, so that
    /// a crash ends them near the moment it happened (see `SessionOverview`).
    static let touchInterval = Duration.seconds(2)
    /// A flush writing this many viewers or more returns the memory its batch used to the system.
    static let largeFlushViewers = 10_000

    /// A core over an opened store and an engine; call `recoverAfterRestart()` before serving.
    public init(engine: PresenceEngine, store: SessionStore, clock: any BusinessClock, authorizer: any Authorizer, logger: Logger) {
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
    func authorizedBroadcast(_ broadcastID: String, token: String, account: String?) async throws -> BroadcastRow {
        guard !broadcastID.isEmpty else { throw DomainError.invalidArgument("a broadcast_id is required") }
        guard let row = try await store.broadcast(broadcastID), row.admits(token: token, account: account) else {
            throw Self.unknownBroadcast(broadcastID)
        }
        return row
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

    /// The wire form of a broadcast: the row, overlaid with the room's state when the engine
    /// has it (present and peak viewers, hard end, end). A persisted end wins over the engine's.
    func message(_ row: BroadcastRow, snapshot: RoomSnapshot?) -> BroadcastMessage {
        var message = BroadcastMessage(
            broadcastId: row.broadcastID, kind: row.kind == .paid ? .paid : .trial,
            state: row.isLive ? .live : .ended, codeId: row.codeID ?? "", accountId: row.accountID ?? "",
            viewerLimit: UInt32(clamping: row.viewerLimit), startedAtMs: row.startedAt, endsAtMs: row.hardEnd,
            endedAtMs: row.endedAt ?? Instant(unixMilliseconds: 0), endReason: row.endCause?.message ?? .unspecified,
            presentViewers: 0, peakViewers: UInt32(clamping: row.peakViewers), title: row.title)
        guard let snapshot else { return message }
        message.endsAtMs = snapshot.hardEnd
        message.peakViewers = UInt32(clamping: max(snapshot.peakConcurrent, row.peakViewers))
        message.presentViewers = UInt32(clamping: snapshot.presentCount)
        if let endedAt = snapshot.endedAt {
            message.state = .ended
            message.endedAtMs = row.endedAt ?? endedAt
            message.endReason = (row.endCause ?? endCause(of: snapshot))?.message ?? .unspecified
        }
        return message
    }

    /// The room's state now, if the engine has the room.
    func snapshot(_ broadcastID: String, now: Instant) -> RoomSnapshot? {
        try? engine.snapshot(room: broadcastID, now: now)
    }

    /// `row` as it stands now: with the engine's room if it has it, else re-read when the row
    /// still said live (its room may have been flushed and removed since).
    func current(_ row: BroadcastRow) async throws -> BroadcastMessage {
        if let snapshot = snapshot(row.broadcastID, now: clock.now()) { return message(row, snapshot: snapshot) }
        if row.isLive, let fresh = try await store.broadcast(row.broadcastID) { return message(fresh, snapshot: nil) }
        return message(row, snapshot: nil)
    }
}
