import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime

/// The room-session service's one database façade (`room-session.sqlite`): broadcasts, their
/// data radar, and the outbox that announces paid broadcasts to activation. Every method is one transaction; a write is durable when it returns
/// (WAL, `synchronous=FULL`).
public final class RoomSessionStore: Sendable {
    let database: any DatabaseWriter

    /// A store over a database that `RoomSessionMigrations.migrator` has migrated
    /// (`ServiceRuntime.openDatabase` or `ServiceDatabase.open` do that).
    public init(database: any DatabaseWriter) {
        self.database = database
    }

    // MARK: Broadcasts

    /// Records a broadcast that is starting (before its room opens); a paid one is announced
    /// to activation (the account's feed) through the outbox, in the same transaction.
    func recordStart(_ broadcast: BroadcastRecord) async throws {
        try await database.write { db in
            try broadcast.insert(db)
            try Self.announce(db, broadcast, at: broadcast.startedAt, change: .started(ActivationV1.BroadcastStarted(
                title: broadcast.title, viewerLimit: UInt32(clamping: broadcast.viewerLimit),
                hardEndMs: broadcast.hardEndAt.unixMilliseconds)))
        }
    }

    /// Records that a live broadcast ended at `instant` for `cause` (announced to activation
    /// like its start); a broadcast recorded as ended already keeps its first end.
    func recordEnd(of broadcastID: String, at instant: Instant, cause: BroadcastEndCause) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE broadcasts SET state = 'ENDED', ended_at = ?, end_reason = ?
                    WHERE broadcast_id = ? AND state = 'LIVE'
                    """,
                arguments: [instant.unixMilliseconds, cause.rawValue, broadcastID])
            guard db.changesCount == 1, let broadcast = try BroadcastRecord.fetchOne(db, key: broadcastID) else { return }
            try Self.announce(db, broadcast, at: instant, change: .ended(ActivationV1.BroadcastEnded(reason: cause.rawValue)))
        }
    }

    /// Outbox messages to activation not yet acknowledged.
    func outboxBacklog() async throws -> Int {
        try await database.read { db in try Outbox.backlog(db) }
    }

    /// The outbox to activation as operators see it.
    func outboxReport() async throws -> Outbox.Report {
        try await database.read { db in try Outbox.report(db) }
    }

    /// Queues a paid broadcast's start or end for activation (`DeliverSessionEvent`), in order
    /// per account. A trial has no account: nothing to announce.
    private static func announce(
        _ db: Database, _ broadcast: BroadcastRecord, at instant: Instant, change: ActivationV1.SessionEvent.Change
    ) throws {
        guard let accountID = broadcast.accountID else { return }
        let suffix = if case .started = change { "started" } else { "ended" }
        let event = ActivationV1.SessionEvent(
            eventID: "\(broadcast.broadcastID)/\(suffix)", accountID: accountID, broadcastID: broadcast.broadcastID,
            codeID: broadcast.codeID ?? "", occurredAtMs: instant.unixMilliseconds, change: change)
        try Outbox.enqueue(
            db, messageID: event.eventID, partition: accountID,
            method: ActivationV1.ActivationService.Method.deliverSessionEvent.name, payload: event.serializedBytes(),
            at: instant)
    }

    /// Records the bounds activation gave for a live broadcast (a fee renewal) and the hard
    /// end they give.
    func recordBounds(of broadcastID: String, codeValidUntil: Instant?, feeActiveUntil: Instant?, hardEnd: Instant) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE broadcasts SET code_valid_until_at = ?, fee_active_until_at = ?, hard_end_at = ?
                    WHERE broadcast_id = ? AND state = 'LIVE'
                    """,
                arguments: [codeValidUntil?.unixMilliseconds, feeActiveUntil?.unixMilliseconds, hardEnd.unixMilliseconds,
                            broadcastID])
        }
    }

    /// The broadcast with `broadcastID`, if any.
    func broadcast(_ broadcastID: String) async throws -> BroadcastRecord? {
        try await database.read { db in try BroadcastRecord.fetchOne(db, key: broadcastID) }
    }

    /// A page of an account's paid broadcasts, newest first (started_at DESC, then
    /// broadcast_id DESC).
    ///
    /// - Throws: `invalidArgument` for a page token that names no broadcast of this account.
    func broadcasts(ofAccount accountID: String, page: PageRequest) async throws -> PageOf<BroadcastRecord> {
        try await database.read { db in
            typealias Columns = BroadcastRecord.Columns
            var listing = BroadcastRecord.filter(Columns.accountID == accountID)
            if let after = page.after {
                let named = try listing
                    .filter(Columns.broadcastID == after.id && Columns.startedAt == after.key)
                    .fetchCount(db)
                try page.check(issued: named == 1 && after.secondKey == 0)
                listing = listing.filter(
                    Columns.startedAt < after.key || (Columns.startedAt == after.key && Columns.broadcastID < after.id))
            }
            let fetched = try listing
                .order(Columns.startedAt.desc, Columns.broadcastID.desc)
                .limit(page.size + 1)
                .fetchAll(db)
            return PageOf(fetched: fetched, size: page.size) {
                PagePosition(key: $0.startedAt.unixMilliseconds, id: $0.broadcastID)
            }
        }
    }
}
