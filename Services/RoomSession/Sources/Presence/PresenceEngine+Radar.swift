import HuanjuDomain

extension PresenceEngine {
    /// A room's data radar at `now` (RULES §9): totals over every viewer and every viewer's
    /// stats, open visits counted up to `now`. The records are copied under the room's lock;
    /// the stats are built after it is released.
    ///
    /// - Throws: `notFound` for an unknown room.
    public func radar(room id: String, now: Instant) throws(DomainError) -> RoomRadar {
        let (snapshot, records, interned) = try room(named: id).state.withLock { state in
            state.settle(at: now)
            return state.radarCopy()
        }
        let clock = RoomClock(start: snapshot.startedAt)
        let upTo = clock.milliseconds(now)
        var watched: Int64 = 0
        let viewers = records.map { record in
            let stats = record.stats(
                viewerID: record.viewerID(internedIDs: interned), clock: clock, openVisitEnd: upTo)
            watched += stats.watchTime.milliseconds
            return stats
        }
        let totals = BroadcastTotals(
            start: snapshot.startedAt, end: snapshot.endedAt, peakConcurrent: snapshot.peakConcurrent,
            uniqueViewers: records.count, totalWatchTime: .milliseconds(watched))
        return RoomRadar(kind: snapshot.kind, totals: totals, viewers: viewers)
    }

    /// What changed since the previous call, per room: its state and totals, and each changed
    /// viewer's line, once however often it changed — at most `limit` viewer lines in all, so
    /// that a drain's memory does not depend on how many viewers a crowd brought (what is
    /// left waits for the next call; `RoomChanges.isComplete` tells). Cheap enough to call
    /// often: rooms without changes cost one lock each, and changed records are copied under
    /// the room's lock and turned into lines after it.
    ///
    /// A drain does not read the clock: an open visit is counted up to the viewer's last seen
    /// (join, heartbeat or leave), which is also what a crash keeps of it. Every join, heartbeat,
    /// leave, expiry, end and hard-end change is reported by a later drain.
    public func drainChanges(limit: Int = .max) -> [RoomChanges] {
        var changes: [RoomChanges] = []
        var budget = limit
        for room in allRooms() {
            guard budget > 0 else { break }
            guard let (snapshot, totals, changed, isComplete) = room.state.withLock({ $0.drain(limit: budget) }) else {
                continue
            }
            budget -= changed.count
            let clock = RoomClock(start: snapshot.startedAt)
            let viewers = changed.map { record, text in
                ViewerChange(
                    viewer: text.map(ViewerID.other) ?? .compact(record.key), firstJoin: clock.instant(record.firstJoin),
                    lastSeen: clock.instant(record.lastSeen), visits: record.visits,
                    watchTime: .milliseconds(record.watchMilliseconds(upTo: Int64(record.lastSeen))))
            }
            changes.append(RoomChanges(room: snapshot, totals: totals, viewers: viewers, isComplete: isComplete))
        }
        return changes
    }
}
