import HuanjuDomain

/// Every room's viewer presence and radar counters, in memory (RULES §7–§9): the admission
/// hot path of the room-session service.
///
/// Called directly from event-loop threads, from several at once. Each room is guarded by its
/// own lock, held only for the few operations of one call; the room registry is sharded, so
/// there is no global lock on the join path. Nothing here is `async`, reads a clock (time comes
/// in as `now`) or performs I/O, and a join of a `wx_<16 hex>` viewer allocates nothing beyond
/// the amortized growth of its room's table and change list.
///
/// Presence is a lease: a viewer is present while `now < last seen + lease`, last seen being
/// its last join, heartbeat or leave. Expired viewers are dropped lazily on every access to
/// their room (so a full room frees dead viewers' places before refusing anyone) and by
/// `sweep(now:)`. A room reached at or after its hard end is treated as ended at the hard end:
/// every viewer is released and joins are refused.
///
/// Radar accounting (RULES §9):
/// - A visit opens with an admitting join; a rejoin while present is not a visit (it renews
///   the lease). It closes at a leave (at the leave), at lease expiry (at the viewer's last
///   seen: the silent time after its last heartbeat is not counted), or at the room's end (at
///   the end instant; viewers whose lease ran out before it were dropped first, at their last
///   seen).
/// - A viewer's watch time is its closed visits plus the open one up to the instant asked
///   about (`radar(room:now:)`: up to `now`; `drainChanges()`: up to its last seen).
/// - Per broadcast: peak concurrent (the most present right after an admission), unique
///   viewers (every viewer ever admitted; refused joins leave no trace), total watch time
///   (the sum over viewers), start and end.
///
/// Memory: per viewer ever admitted, a 36-byte record and about 13 bytes of hash index
/// (`ViewerTable`), plus 4 bytes until the next drain; ~49 bytes at 20,000 viewers a room.
public final class PresenceEngine: Sendable {
    /// The furthest a room's hard end may lie from its start. The rules cap a broadcast at 4
    /// hours; the engine keeps instants as 32-bit milliseconds from the room's start.
    public static let maxBroadcastSpan = TimeSpan.days(24)

    /// How long a join or heartbeat keeps a viewer present.
    public let lease: TimeSpan
    private let rooms = RoomRegistry()

    /// An engine with no rooms.
    ///
    /// - Parameter lease: presence lease (RULES §7: 60 s by default); more than zero and at
    ///   most `maxBroadcastSpan` (configuration checks it before).
    public init(lease: TimeSpan = BroadcastRules.defaultLease) {
        precondition(
            lease > .zero && lease <= Self.maxBroadcastSpan, "lease must be between 1 ms and 24 days, got \(lease)")
        self.lease = lease
    }

    // MARK: Rooms

    /// Opens a live, empty room.
    ///
    /// - Parameters:
    ///   - id: the broadcast id (not empty, ≤ 128 bytes, no control characters).
    ///   - limit: concurrent viewers admitted at most (≥ 1).
    ///   - hardEnd: the broadcast ends by itself here (after `startedAt`, within 24 days).
    /// - Throws: `invalidArgument` for a bad id, limit or hard end; `alreadyExists` when a room
    ///   with this id is registered (live, or ended and not yet removed).
    @discardableResult
    public func openRoom(
        _ id: String, kind: BroadcastKind, limit: Int, startedAt: Instant, hardEnd: Instant
    ) throws(DomainError) -> RoomSnapshot {
        try IdentifierText.check(id, name: "room id")
        guard limit >= 1 else {
            throw .invalidArgument("broadcast \(id) needs a viewer limit of at least 1 (got \(limit))")
        }
        try Self.checkHardEnd(hardEnd, startedAt: startedAt, room: id)
        let room = Room(
            RoomState(
                id: id, kind: kind, limit: limit, startedAt: startedAt, hardEnd: hardEnd, lease: lease,
                seed: UInt64.random(in: .min ... .max)))
        guard rooms.add(room) else {
            throw .alreadyExists("broadcast \(id) exists already; open the room under a new broadcast id")
        }
        return room.state.withLock { $0.snapshot() }
    }

    /// Opens a live, empty room for a started broadcast's plan (`BroadcastPlan.paid`/`.trial`).
    ///
    /// - Throws: as `openRoom(_:kind:limit:startedAt:hardEnd:)`.
    @discardableResult
    public func openRoom(_ id: String, plan: BroadcastPlan) throws(DomainError) -> RoomSnapshot {
        try openRoom(id, kind: plan.kind, limit: plan.viewerLimit, startedAt: plan.start, hardEnd: plan.hardEnd)
    }

    /// Reopens a live room after a restart, for a broadcast recorded as live: no viewer is
    /// present (presence is a lease held in memory; viewers join again, under the same limit),
    /// and the radar is what was last persisted — each viewer's visits closed at its last
    /// recorded activity, its watch time and visit count as recorded — with the recorded peak.
    /// A rejoin opens a new visit; nothing is counted twice.
    ///
    /// - Throws: as `openRoom(_:plan:)`; `invalidArgument` for a recorded viewer id the engine
    ///   would not accept (the database was edited by hand).
    @discardableResult
    public func reopenRoom(
        _ id: String, plan: BroadcastPlan, peakConcurrent: Int, radar: [ViewerStats]
    ) throws(DomainError) -> RoomSnapshot {
        var viewers: [(ViewerID, ViewerStats)] = []
        viewers.reserveCapacity(radar.count)
        for line in radar { viewers.append((try ViewerID(validating: line.viewerID), line)) }
        try openRoom(id, plan: plan)
        return try room(named: id).state.withLock { state in
            state.restore(viewers, peakConcurrent: peakConcurrent)
            return state.snapshot()
        }
    }

    /// Moves a live room's hard end: later after a fee renewal, earlier when the terms shrink.
    /// A new hard end at or before `now` ends the room at that hard end.
    ///
    /// - Throws: `notFound` for an unknown room; `failedPrecondition` once it ended (a renewal
    ///   after the hard end does not revive it); `invalidArgument` for a hard end not after
    ///   the start or more than 24 days after it.
    @discardableResult
    public func updateHardEnd(_ id: String, to hardEnd: Instant, now: Instant) throws(DomainError) -> RoomSnapshot {
        let room = try room(named: id)
        try Self.checkHardEnd(hardEnd, startedAt: room.state.withLock { $0.clock.start }, room: id)
        return try room.state.withLock { state throws(DomainError) in
            try state.updateHardEnd(to: hardEnd, now: now)
            return state.snapshot()
        }
    }

    /// Ends a room at `instant`: every viewer is released (their visits close at `instant`)
    /// and joins are refused. A room already past its hard end ends at the hard end instead;
    /// an ended room is left as it is. Returns the room's state after.
    ///
    /// - Throws: `notFound` for an unknown room.
    @discardableResult
    public func end(_ id: String, at instant: Instant, reason: BroadcastEndReason) throws(DomainError) -> RoomSnapshot {
        try room(named: id).state.withLock { state in
            state.end(at: instant, reason: reason)
            return state.snapshot()
        }
    }

    /// Forgets a room that has ended (by `end`, or by its hard end as reported by `sweep` or
    /// another call), once the service persisted its radar: drain first.
    ///
    /// - Returns: whether a room was removed (false when there is no such room).
    /// - Throws: `failedPrecondition` while the room has not ended.
    @discardableResult
    public func removeRoom(_ id: String) throws(DomainError) -> Bool {
        var wasLive = false
        let removed = rooms.remove(id) { room in
            let ended = room.state.withLock { $0.isEnded }
            wasLive = !ended
            return ended
        }
        if wasLive {
            throw .failedPrecondition(
                "broadcast \(id) has not ended; end it, or let it reach its hard end, before removing its room")
        }
        return removed
    }

    /// A room's state at `now`.
    ///
    /// - Throws: `notFound` for an unknown room.
    public func snapshot(room id: String, now: Instant) throws(DomainError) -> RoomSnapshot {
        try room(named: id).state.withLock { state in
            state.settle(at: now)
            return state.snapshot()
        }
    }

    // MARK: Viewers

    /// A viewer joins a room at `now` (RULES §7): admitted while the room is live and the
    /// viewer is already present (a rejoin never counts twice, it renews the lease) or fewer
    /// than `limit` viewers are present. The limit is never exceeded, whatever the concurrency.
    ///
    /// - Throws: `invalidArgument` for a bad viewer id; `notFound` for an unknown room;
    ///   `failedPrecondition` "broadcast … ended at …" once it ended; `resourceExhausted`
    ///   naming the limit when the room is full.
    public func join(room id: String, viewer: String, now: Instant) throws(DomainError) -> JoinOutcome {
        let viewer = try ViewerID(validating: viewer)
        return try room(named: id).state.withLock { state throws(DomainError) in try state.join(viewer, now: now) }
    }

    /// A present viewer renews its lease at `now`; returns the new lease end and the room's count.
    ///
    /// - Throws: `invalidArgument` for a bad viewer id; `notFound` for an unknown room or a
    ///   viewer not present (it left or its lease ran out: join again); `failedPrecondition`
    ///   once the room ended.
    @discardableResult
    public func heartbeat(room id: String, viewer: String, now: Instant) throws(DomainError) -> HeartbeatOutcome {
        let viewer = try ViewerID(validating: viewer)
        return try room(named: id).state.withLock { state throws(DomainError) in try state.heartbeat(viewer, now: now) }
    }

    /// A viewer leaves at `now`: its place is freed at once. Idempotent; leaving an ended room
    /// does nothing. Returns whether the viewer was present, and the room's count after.
    ///
    /// - Throws: `invalidArgument` for a bad viewer id; `notFound` for an unknown room.
    @discardableResult
    public func leave(room id: String, viewer: String, now: Instant) throws(DomainError) -> LeaveOutcome {
        let viewer = try ViewerID(validating: viewer)
        return try room(named: id).state.withLock { $0.leave(viewer, now: now) }
    }

    // MARK: Upkeep

    /// Brings every room up to `now` (the service calls it about every second): drops expired
    /// leases, and ends rooms whose hard end has passed.
    ///
    /// - Returns: the rooms that reached their hard end since the previous sweep (whether this
    ///   sweep or another call noticed it), for the service to persist; and the live gauges.
    ///   Also each room's viewer events worth a log line (`ViewerEvents`): a fill at once,
    ///   refusals and expired leases at most once per `eventInterval` per room.
    public func sweep(now: Instant, eventInterval: TimeSpan = .seconds(10)) -> SweepResult {
        var ended: [RoomSnapshot] = []
        var events: [ViewerEvents] = []
        var liveRooms = 0
        var presentViewers = 0
        for room in rooms.all() {
            let (newlyEnded, snapshot, roomEvents) = room.state.withLock { state in
                state.settle(at: now)
                return (state.takeUnreportedEnd(), state.snapshot(), state.takeViewerEvents(now: now, interval: eventInterval))
            }
            if newlyEnded { ended.append(snapshot) }
            if let roomEvents { events.append(roomEvents) }
            if !snapshot.isEnded {
                liveRooms += 1
                presentViewers += snapshot.presentCount
            }
        }
        return SweepResult(endedRooms: ended, liveRooms: liveRooms, presentViewers: presentViewers, viewerEvents: events)
    }

    /// Bytes held by every room's viewer-table buffers (records, index, pending changes; not
    /// interned ids' text nor allocator overhead): the engine's share of resident memory.
    public func footprintBytes() -> Int {
        rooms.all().reduce(0) { total, room in total + room.state.withLock { $0.footprintBytes } }
    }

    /// Viewer lines waiting for a drain, over every room.
    public func changedViewerCount() -> Int {
        rooms.all().reduce(0) { total, room in total + room.state.withLock { $0.changedViewerCount } }
    }

    // MARK: Internal

    /// Every registered room.
    func allRooms() -> [Room] { rooms.all() }


    /// The room with `id`.
    ///
    /// - Throws: `invalidArgument` for a malformed id; `notFound` for an unknown room.
    func room(named id: String) throws(DomainError) -> Room {
        if let room = rooms.room(id) { return room }
        try IdentifierText.check(id, name: "room id")
        throw .notFound("broadcast \(id) does not exist; check the room id")
    }

    // MARK: Private

    private static func checkHardEnd(_ hardEnd: Instant, startedAt: Instant, room: String) throws(DomainError) {
        guard hardEnd > startedAt, hardEnd - startedAt <= maxBroadcastSpan else {
            throw .invalidArgument(
                "broadcast \(room) must end after its start (\(startedAt)) and within \(maxBroadcastSpan) of it; "
                    + "got a hard end at \(hardEnd)")
        }
    }
}
