import HuanjuDomain
import HuanjuRuntime

extension RoomSessionCore {
    /// The host ends its broadcast now: every viewer is released, joins are refused, and the
    /// end is recorded durably before the answer. Ending an ended broadcast answers it as it
    /// ended (idempotent).
    ///
    /// - Throws: NOT_FOUND for an unknown or someone else's broadcast.
    func endBroadcast(_ broadcastID: String, hostToken: String, accountID: String?) async throws -> CurrentBroadcast {
        let record = try await authorizedBroadcast(broadcastID, token: hostToken, account: accountID)
        let now = clock.now()
        guard let snapshot = try? engine.end(record.broadcastID, at: now, reason: .host) else {
            // The room left the engine: it ended and its radar is flushed.
            return try await current(record)
        }
        if let endedAt = snapshot.endedAt, let cause = endCause(of: snapshot), record.isLive {
            try await store.recordEnd(of: record.broadcastID, at: endedAt, cause: cause)
            logger.info("broadcast ended", metadata: [
                "broadcast.id": "\(record.broadcastID)", "broadcast.end_reason": "\(cause.rawValue)",
                "broadcast.ended_at": "\(endedAt)",
            ])
        }
        return current(record, room: snapshot)
    }

    /// A broadcast as it stands now: live from the engine, ended from the database.
    ///
    /// - Throws: NOT_FOUND for an unknown or someone else's broadcast.
    func broadcast(_ broadcastID: String, hostToken: String, accountID: String?) async throws -> CurrentBroadcast {
        try await current(try await authorizedBroadcast(broadcastID, token: hostToken, account: accountID))
    }

    /// The calling account's paid broadcasts, newest first, paged; live ones with their
    /// present and peak viewers now.
    ///
    /// - Throws: INVALID_ARGUMENT for a page token that names no broadcast of this account.
    func broadcasts(ofAccount accountID: String, page: PageRequest) async throws -> PageOf<CurrentBroadcast> {
        let records = try await store.broadcasts(ofAccount: accountID, page: page)
        let now = clock.now()
        return records.map { record in current(record, room: snapshot(record.broadcastID, now: now)) }
    }
}
