import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A page of an account's feed.
struct FeedPage: Sendable {
    let events: [FeedEventRecord]
    /// The last event's sequence, or the `after` asked for when there was none.
    let nextAfter: Int64
}

extension ActivationStore {
    // MARK: Reading the feed

    /// The account's events after sequence `after`, oldest first, at most `limit`.
    func feedEvents(ofAccount accountID: String, after: Int64, limit: Int) async throws -> FeedPage {
        try await database.read { db in
            typealias Columns = FeedEventRecord.Columns
            let events = try FeedEventRecord
                .filter(Columns.accountID == accountID && Columns.sequence > after)
                .order(Columns.sequence).limit(limit).fetchAll(db)
            return FeedPage(events: events, nextAfter: events.last?.sequence ?? after)
        }
    }

    /// Up to when the business clock's events have been recorded (nil before the first pass).
    func feedRecordedThrough() async throws -> Instant? {
        try await database.read { try Self.recordedThrough($0) }
    }

    // MARK: The business clock's events

    /// Follows the business clock: records every event it made due up to `now` (FeedClock),
    /// in one transaction with the new high-water mark, so a crash repeats the whole pass or
    /// none of it, and ids derived from the facts keep a repeated pass from storing anything
    /// twice. The first pass on a new database starts at `now` (nothing before it is
    /// replayed); a clock set back (the controllable one) moves the mark back with it, and
    /// passing those instants again stores only what is new. Returns how many events were new.
    @discardableResult
    func followClock(to now: Instant) async throws -> Int {
        try await database.write { db in
            guard let mark = try Self.recordedThrough(db), now < mark else {
                return try Self.recordClockEvents(db, through: now, at: now)
            }
            try Self.setRecordedThrough(db, now)
            return 0
        }
    }

    /// Whether the clock's events are recorded through `now` (a read, to skip the write).
    func clockEventsRecorded(through now: Instant) async throws -> Bool {
        try await database.read { db in try Self.recordedThrough(db).map { now <= $0 } ?? false }
    }

    /// Records the clock's events up to `through` inside a transaction, never moving the mark
    /// back: called first by a change that records a fact, with the instant just before the
    /// fact, so that the fact comes after everything the clock made due before it.
    @discardableResult
    static func recordClockEvents(_ db: Database, through: Instant, at now: Instant) throws -> Int {
        guard let mark = try recordedThrough(db) else {
            try setRecordedThrough(db, through)
            return 0
        }
        guard mark < through else { return 0 }
        let recorded = try recordDue(db, after: mark, through: through, account: nil, at: now)
        try setRecordedThrough(db, through)
        return recorded
    }

    /// After a fact of `account` that took effect at `instant` was recorded, the account's clock
    /// events from that instant (included: a renewal after a lapse restores the codes at once)
    /// up to the mark, with what is known now — later than the mark when the fact arrived late
    /// (codes issued with deadlines already passed). The next pass skips what this recorded.
    static func recordClockEvents(_ db: Database, ofAccount account: String, since instant: Instant, at now: Instant) throws {
        guard let mark = try recordedThrough(db) else { return }
        try recordDue(db, after: instant - .milliseconds(1), through: max(mark, instant), account: account, at: now)
    }

    /// Records one account's clock events in `(after, through]` again, with what is known now
    /// (after a late fact: a renewal that restores codes, codes issued with past deadlines).
    /// Events recorded before are not stored twice.
    @discardableResult
    static func recordDue(_ db: Database, after: Instant, through: Instant, account: String?, at now: Instant) throws -> Int {
        guard after < through else { return 0 }
        let horizon = through + FeedClock.longestReminder
        var accountFilter = ""
        var arguments: StatementArguments = [after.unixMilliseconds, horizon.unixMilliseconds, after.unixMilliseconds,
                                             through.unixMilliseconds]
        if let account {
            accountFilter = " AND account_id = ?"
            arguments += [account]
        }
        let accounts = try String.fetchAll(db, sql: """
            SELECT DISTINCT account_id FROM fee_terms
            WHERE ((end_at > ? AND end_at <= ?) OR (start_at > ? AND start_at <= ?))\(accountFilter)
            """, arguments: arguments)
        var fees: [String: FeeSchedule] = [:]
        for accountID in accounts { fees[accountID] = try feeSchedule(db, account: accountID) }

        typealias Columns = CodeRecord.Columns
        var codes = CodeRecord.filter(
            (Columns.boundAt == nil && Columns.bindDeadlineAt > after.unixMilliseconds
                && Columns.bindDeadlineAt <= horizon.unixMilliseconds)
                || (Columns.boundAt != nil && Columns.validUntilAt > after.unixMilliseconds
                    && Columns.validUntilAt <= horizon.unixMilliseconds)
                || (accounts.contains(Columns.accountID) && Columns.boundAt != nil
                    && Columns.validUntilAt > after.unixMilliseconds))
        if let account { codes = codes.filter(Columns.accountID == account) }
        let feedCodes = try codes.fetchAll(db).map { try $0.feedCode() }

        var recorded = 0
        for entry in FeedClock.due(after: after, through: through, codes: feedCodes, fees: fees) {
            if try record(db, entry, at: now) { recorded += 1 }
        }
        return recorded
    }

    // MARK: Recording

    /// Stores `entry` unless an event with its id is stored already; true when it was new.
    @discardableResult
    static func record(_ db: Database, _ entry: FeedEntry, at now: Instant) throws -> Bool {
        var record = FeedEventRecord(entry, recordedAt: now)
        try record.insert(db, onConflict: .ignore)
        return db.changesCount == 1
    }

    /// How a feed event names code `codeID`: its masked text, only if `accountID` holds it (a
    /// peer's event naming another account's code, or none, names it by id alone).
    static func maskedCode(_ db: Database, id codeID: String, ofAccount accountID: String) throws -> String? {
        guard !codeID.isEmpty, let code = try CodeRecord.fetchOne(db, key: codeID), code.accountID == accountID else { return nil }
        return try code.codeSecret().masked
    }

    private static func recordedThrough(_ db: Database) throws -> Instant? {
        try Int64.fetchOne(db, sql: "SELECT recorded_through FROM feed_clock WHERE id = 1")
            .map { Instant(unixMilliseconds: $0) }
    }

    private static func setRecordedThrough(_ db: Database, _ instant: Instant) throws {
        try db.execute(
            sql: "INSERT INTO feed_clock (id, recorded_through) VALUES (1, ?) "
                + "ON CONFLICT(id) DO UPDATE SET recorded_through = excluded.recorded_through",
            arguments: [instant.unixMilliseconds])
    }
}

extension CodeRecord {
    /// The code as the feed's clock needs it.
    func feedCode() throws -> FeedCode {
        FeedCode(
            codeID: codeID, accountID: accountID, masked: try codeSecret().masked, bindDeadline: bindDeadlineAt,
            boundAt: boundAt, validUntil: validUntilAt)
    }
}
