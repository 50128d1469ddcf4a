import HuanjuDomain

/// One room's presence and radar counters, and the rules of RULES §7–§9 applied to them.
///
/// Single-threaded by nature: `Room` keeps it behind its lock, and every method is the few
/// operations of one call. Every call first brings the room up to `now` (`settle`): a room
/// reached at or after its hard end ends at the hard end, and viewers whose lease ran out
/// (last seen + lease ≤ now) are dropped, oldest first, in O(1) each.
///
/// The radar's accounting (visits, watch time, peak) is the one `PresenceEngine` documents;
/// total watch time is kept in O(1) from the sums of open visits' starts and last seens.
struct RoomState: Sendable {
    /// The room (broadcast) id.
    let id: String
    /// Paid or trial.
    let kind: BroadcastKind
    /// Concurrent viewers admitted at most.
    let limit: Int
    /// The room's start and compact time.
    let clock: RoomClock
    /// How long a join or heartbeat keeps a viewer present.
    let lease: TimeSpan
    /// When the room ends by itself (exclusive).
    private(set) var hardEnd: Instant
    /// The most viewers present at once.
    private(set) var peak = 0
    /// When it ended; nil while live.
    private(set) var endedAt: Instant?
    /// Why it ended; nil while live.
    private(set) var endReason: BroadcastEndReason?
    /// Ended by its hard end and not yet reported by `takeUnreportedEnd()`.
    private var endUnreported = false
    /// Changed since the last `drain(limit:)` that took everything.
    private var changed = true
    private var viewers: ViewerTable
    /// Milliseconds watched in closed visits, over all viewers.
    private var closedWatch: Int64 = 0
    /// Sums over present viewers of their visit start and last seen offsets (totals in O(1)).
    private var openVisitStarts: Int64 = 0
    private var openLastSeens: Int64 = 0
    /// Refusals, expiries and fills since the sweep last reported them.
    private var events = ViewerEventTally()

    /// A live, empty room.
    init(
        id: String, kind: BroadcastKind, limit: Int, startedAt: Instant, hardEnd: Instant, lease: TimeSpan, seed: UInt64
    ) {
        self.id = id
        self.kind = kind
        self.limit = limit
        self.clock = RoomClock(start: startedAt)
        self.hardEnd = hardEnd
        self.lease = lease
        viewers = ViewerTable(expectedCount: limit, seed: seed)
    }

    /// Viewers present (as of the last `settle`).
    var presentCount: Int { viewers.presentCount }

    /// Whether the room has ended.
    var isEnded: Bool { endedAt != nil }

    // MARK: Calls

    /// A viewer joins at `now` (RULES §7, `Admission.decide`).
    ///
    /// - Throws: `failedPrecondition` once ended; `resourceExhausted` naming the limit when full.
    mutating func join(_ viewer: ViewerID, now: Instant) throws(DomainError) -> JoinOutcome {
        settle(at: now)
        try requireLive()
        let found = viewers.find(viewer)
        let present = found.map { viewers[$0].isPresent } ?? false
        let admission: Admission
        do throws(DomainError) {
            admission = try Admission.decide(
                roomIsLive: true, viewerIsPresent: present, presentCount: viewers.presentCount, limit: limit)
        } catch {
            if error.code == .resourceExhausted { events.refusedJoins += 1 }
            throw error
        }
        let at = clock.offset(now)
        if let index = found, present {
            renew(index, at: at)
        } else {
            openVisit(found ?? viewers.insert(viewer, firstJoin: at), at: at)
            peak = max(peak, viewers.presentCount)
            if viewers.presentCount == limit { events.filled = true }
        }
        return JoinOutcome(
            admission: admission, presentCount: viewers.presentCount, limit: limit, leaseEnd: now + lease,
            hardEnd: hardEnd)
    }

    /// A present viewer renews its lease at `now`; returns the new lease end.
    ///
    /// - Throws: `failedPrecondition` once ended; `notFound` when the viewer is not present.
    mutating func heartbeat(_ viewer: ViewerID, now: Instant) throws(DomainError) -> HeartbeatOutcome {
        settle(at: now)
        try requireLive()
        guard let index = viewers.find(viewer), viewers[index].isPresent else {
            throw .notFound(
                "viewer \(viewer) is not in broadcast \(id): it left, or sent no heartbeat within its \(lease) lease; "
                    + "join again")
        }
        renew(index, at: clock.offset(now))
        return HeartbeatOutcome(leaseEnd: now + lease, presentCount: viewers.presentCount, limit: limit)
    }

    /// A viewer leaves at `now`: its place is freed at once. Returns whether it was present.
    mutating func leave(_ viewer: ViewerID, now: Instant) -> LeaveOutcome {
        settle(at: now)
        guard !isEnded, let index = viewers.find(viewer), viewers[index].isPresent else {
            return LeaveOutcome(wasPresent: false, presentCount: viewers.presentCount, limit: limit)
        }
        closeVisit(index, at: clock.milliseconds(now))
        viewers[index].lastSeen = clock.offset(now)
        return LeaveOutcome(wasPresent: true, presentCount: viewers.presentCount, limit: limit)
    }

    /// Puts back a reopened room's recorded radar (`PresenceEngine.reopenRoom`): one record per
    /// viewer, not present, its visits closed; the recorded peak.
    mutating func restore(_ lines: [(ViewerID, ViewerStats)], peakConcurrent: Int) {
        for (viewer, line) in lines where viewers.find(viewer) == nil {
            let index = viewers.insert(viewer, firstJoin: clock.offset(line.firstJoin))
            viewers[index].lastSeen = clock.offset(line.lastSeen)
            viewers[index].addWatch(milliseconds: line.watchTime.milliseconds)
            viewers[index].setVisits(line.visits)
            closedWatch += Int64(viewers[index].closedWatch)
        }
        peak = max(peak, peakConcurrent)
    }

    /// Moves the hard end (a renewal pushes it later, a lapse brings it earlier); a hard end
    /// at or before `now` ends the room at that hard end.
    ///
    /// - Throws: `failedPrecondition` once ended.
    mutating func updateHardEnd(to newEnd: Instant, now: Instant) throws(DomainError) {
        settle(at: now)
        try requireLive()
        hardEnd = newEnd
        changed = true
        settle(at: now)
    }

    /// Ends the room at `instant` (or at its hard end if that came first); idempotent.
    mutating func end(at instant: Instant, reason: BroadcastEndReason) {
        settle(at: instant)
        if !isEnded { close(at: instant, reason: reason) }
    }

    /// Brings the room up to `now`: ends it at its hard end when reached, else drops the
    /// viewers whose lease ran out.
    mutating func settle(at now: Instant) {
        guard !isEnded else { return }
        if now >= hardEnd { close(at: hardEnd, reason: .hardEnd) } else { expireLeases(at: now) }
    }

    /// The viewer events to report at `now` (see `ViewerEventTally`).
    mutating func takeViewerEvents(now: Instant, interval: TimeSpan) -> ViewerEvents? {
        events.take(roomID: id, limit: limit, now: now, interval: interval)
    }

    /// Whether the room ended by its hard end since the last call (for the sweep's report).
    mutating func takeUnreportedEnd() -> Bool {
        defer { endUnreported = false }
        return endUnreported
    }

    // MARK: Reading

    /// The room's state as of the last `settle`.
    func snapshot() -> RoomSnapshot {
        RoomSnapshot(
            roomID: id, kind: kind, limit: limit, startedAt: clock.start, hardEnd: hardEnd,
            presentCount: viewers.presentCount, peakConcurrent: peak, uniqueViewers: viewers.count,
            endedAt: endedAt, endReason: endReason)
    }

    /// Copies of every viewer's record and interned id, for the radar (built outside the lock).
    func radarCopy() -> (snapshot: RoomSnapshot, records: [ViewerRecord], interned: [String]) {
        let (records, interned) = viewers.copyAll()
        return (snapshot(), records, interned)
    }

    /// What changed since the last call, or nil if nothing did: the room's state, its totals
    /// and copies of up to `limit` changed records, with open visits counted up to each
    /// viewer's last seen (what a crash would keep, see `PresenceEngine.drainChanges(limit:)`),
    /// and whether that was every change (else the room stays changed for the next call).
    mutating func drain(limit: Int)
        -> (snapshot: RoomSnapshot, totals: BroadcastTotals, changed: [ViewerTable.Change], isComplete: Bool)? {
        guard changed else { return nil }
        let taken = viewers.takeDirty(limit: limit)
        changed = viewers.hasDirty
        let watched = closedWatch + openLastSeens - openVisitStarts
        let totals = BroadcastTotals(
            start: clock.start, end: endedAt, peakConcurrent: peak, uniqueViewers: viewers.count,
            totalWatchTime: .milliseconds(watched))
        return (snapshot(), totals, taken, !changed)
    }

    /// Bytes held by the viewer table's buffers.
    var footprintBytes: Int { viewers.footprintBytes }

    /// Viewer lines waiting for a drain.
    var changedViewerCount: Int { viewers.dirtyCount }

    // MARK: Private

    private func requireLive() throws(DomainError) {
        if let endedAt {
            throw .failedPrecondition("broadcast \(id) ended at \(endedAt); it admits no more viewers")
        }
    }

    private mutating func expireLeases(at now: Instant) {
        let nowMilliseconds = clock.milliseconds(now)
        let leaseMilliseconds = lease.milliseconds
        while viewers.oldest >= 0 {
            let index = viewers.oldest
            let seen = Int64(viewers[index].lastSeen)
            guard seen + leaseMilliseconds <= nowMilliseconds else { return }
            closeVisit(index, at: seen)
            events.expiredLeases += 1
        }
    }

    /// Ends the room at `instant`: drops expired leases first (closed at their last seen), then
    /// closes every remaining visit at `instant` (capped at the viewer's lease end).
    private mutating func close(at instant: Instant, reason: BroadcastEndReason) {
        expireLeases(at: instant)
        let endMilliseconds = clock.milliseconds(instant)
        while viewers.oldest >= 0 {
            let index = viewers.oldest
            closeVisit(index, at: min(endMilliseconds, Int64(viewers[index].lastSeen) + lease.milliseconds))
        }
        endedAt = instant
        endReason = reason
        if reason == .hardEnd { endUnreported = true }
        changed = true
    }

    private mutating func openVisit(_ index: Int32, at offset: Int32) {
        var record = viewers[index]
        record.countVisit()
        record.visitStart = offset
        record.lastSeen = offset
        record.isPresent = true
        viewers[index] = record
        viewers.enterLeaseOrder(index)
        openVisitStarts += Int64(offset)
        openLastSeens += Int64(offset)
        noteChange(index)
    }

    private mutating func renew(_ index: Int32, at offset: Int32) {
        viewers.leaveLeaseOrder(index)
        openLastSeens += Int64(offset) - Int64(viewers[index].lastSeen)
        viewers[index].lastSeen = offset
        viewers.enterLeaseOrder(index)
        noteChange(index)
    }

    private mutating func closeVisit(_ index: Int32, at end: Int64) {
        viewers.leaveLeaseOrder(index)
        var record = viewers[index]
        let start = Int64(record.visitStart)
        let watched = max(0, end - start)
        record.addWatch(milliseconds: watched)
        record.isPresent = false
        viewers[index] = record
        closedWatch += watched
        openVisitStarts -= start
        openLastSeens -= Int64(record.lastSeen)
        noteChange(index)
    }

    private mutating func noteChange(_ index: Int32) {
        viewers.markDirty(index)
        changed = true
    }
}
