import HuanjuAPI
import HuanjuDomain

extension SessionCore {
    /// The host ends its broadcast now: every viewer is released, joins are refused, and the
    /// end is recorded durably before the answer. Ending an ended broadcast answers it as it
    /// ended (idempotent).
    ///
    /// - Throws: NOT_FOUND for an unknown or someone else's broadcast.
    func endBroadcast(_ request: HostedBroadcastRequest, accountID: String?) async throws -> BroadcastMessage {
        let row = try await authorizedBroadcast(request.broadcastId, token: request.hostToken, account: accountID)
        let now = clock.now()
        guard let snapshot = try? engine.end(row.broadcastID, at: now, reason: .host) else {
            // The room left the engine: it ended and its radar is flushed.
            return try await current(row)
        }
        if let endedAt = snapshot.endedAt, let cause = endCause(of: snapshot), row.isLive {
            try await store.recordEnd(of: row.broadcastID, at: endedAt, cause: cause)
            logger.info("broadcast ended", metadata: [
                "broadcast.id": "\(row.broadcastID)", "broadcast.end_reason": "\(cause.rawValue)",
                "broadcast.ended_at": "\(endedAt)",
            ])
        }
        return message(row, snapshot: snapshot)
    }

    /// A broadcast as it stands now: live from the engine, ended from the database.
    ///
    /// - Throws: NOT_FOUND for an unknown or someone else's broadcast.
    func getBroadcast(_ request: HostedBroadcastRequest, accountID: String?) async throws -> BroadcastMessage {
        let row = try await authorizedBroadcast(request.broadcastId, token: request.hostToken, account: accountID)
        return try await current(row)
    }

    /// The calling account's paid broadcasts, newest first, paged; live ones with their
    /// present and peak viewers now.
    ///
    /// - Throws: INVALID_ARGUMENT for a bad page size or token.
    func listBroadcasts(_ request: ListBroadcastsRequest, accountID: String) async throws -> ListBroadcastsResponse {
        let paging = try OffsetPageRequest(pageSize: request.pageSize, pageToken: request.pageToken)
        let rows = try await store.broadcasts(ofAccount: accountID, offset: paging.offset, limit: paging.size + 1)
        let now = clock.now()
        let shown = rows.prefix(paging.size).map { row in message(row, snapshot: snapshot(row.broadcastID, now: now)) }
        let more = rows.count > paging.size
        return ListBroadcastsResponse(
            broadcasts: Array(shown), nextPageToken: OffsetPageRequest.token(nextOffset: more ? paging.offset + paging.size : nil))
    }

    /// A broadcast's data radar (RULES §9): from the engine while its room is there (open
    /// visits counted up to now), else from the database. Ranked by watch time, paged; a
    /// trial lists its top 2 only (`redacted`), with totals over every viewer.
    ///
    /// - Throws: NOT_FOUND for an unknown or someone else's broadcast; INVALID_ARGUMENT for a
    ///   bad page size or token.
    func radar(_ request: RadarRequest, accountID: String?) async throws -> RadarResponse {
        let paging = try OffsetPageRequest(pageSize: request.pageSize, pageToken: request.pageToken)
        let row = try await authorizedBroadcast(request.broadcastId, token: request.hostToken, account: accountID)
        let now = clock.now()
        if let radar = try? engine.radar(room: row.broadcastID, now: now) {
            let page = try radar.page(offset: paging.offset, pageSize: paging.size)
            return Self.response(page, broadcast: message(row, snapshot: snapshot(row.broadcastID, now: now)))
        }
        // Not in the engine: ended, and its final radar is in the database.
        let final = try await store.broadcast(row.broadcastID) ?? row
        let viewers = try await store.radarViewers(of: row.broadcastID)
        let page = try Radar.page(
            of: viewers, totals: final.totals, kind: final.kind, offset: paging.offset, pageSize: paging.size)
        return Self.response(page, broadcast: message(final, snapshot: nil))
    }

    /// The wire form of a radar page.
    static func response(_ page: RadarPage, broadcast: BroadcastMessage) -> RadarResponse {
        let totals = RadarTotalsMessage(
            peakViewers: UInt32(clamping: page.totals.peakConcurrent),
            uniqueViewers: UInt32(clamping: page.totals.uniqueViewers),
            totalWatchMs: page.totals.totalWatchTime.milliseconds, startedAtMs: page.totals.start,
            endedAtMs: page.totals.end ?? Instant(unixMilliseconds: 0))
        let viewers = page.entries.enumerated().map { index, stats in
            RadarViewerMessage(
                rank: UInt32(clamping: page.firstRank + index), viewerId: stats.viewerId, firstJoinMs: stats.firstJoin,
                lastSeenMs: stats.lastSeen, visits: UInt32(clamping: stats.visits), watchMs: stats.watchTime.milliseconds)
        }
        return RadarResponse(
            broadcast: broadcast, totals: totals, viewers: viewers,
            nextPageToken: OffsetPageRequest.token(nextOffset: page.nextOffset), redacted: page.kind == .trial)
    }
}
