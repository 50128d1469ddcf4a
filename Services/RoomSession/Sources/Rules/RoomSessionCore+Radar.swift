import HuanjuDomain
import HuanjuRuntime

extension RoomSessionCore {
    /// A broadcast's data radar (RULES §9): from the engine while its room is there (open
    /// visits counted up to now), else from the database. Ranked by watch time and paged
    /// (`RadarListing`); a trial lists its top 2 only, with totals over every viewer.
    ///
    /// - Throws: NOT_FOUND for an unknown or someone else's broadcast; INVALID_ARGUMENT for a
    ///   page token that names no viewer of this radar.
    func radar(_ broadcastID: String, hostToken: String, accountID: String?, page: PageRequest) async throws
        -> RadarAnswer {
        let record = try await authorizedBroadcast(broadcastID, token: hostToken, account: accountID)
        let now = clock.now()
        if let radar = try? engine.radar(room: record.broadcastID, now: now) {
            let listing = RadarListing(kind: radar.kind, viewers: radar.viewers)
            return RadarAnswer(
                broadcast: current(record, room: snapshot(record.broadcastID, now: now)), totals: radar.totals,
                page: try listing.page(page), isRedacted: radar.kind == .trial)
        }
        // Not in the engine: ended, and its final radar is in the database.
        let final = try await store.broadcast(record.broadcastID) ?? record
        let listing = RadarListing(kind: final.kind.broadcastKind, viewers: try await store.radarViewers(of: final.broadcastID))
        return RadarAnswer(
            broadcast: CurrentBroadcast(stored: final), totals: final.totals, page: try listing.page(page),
            isRedacted: listing.kind == .trial)
    }
}
