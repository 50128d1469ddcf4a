import GRDB
import HuanjuDomain

/// One row of `broadcasts`: a broadcast as last persisted. Written once when it starts
/// (`RoomSessionStore.recordStart`), then its totals, hard end and end follow the room in
/// batches (`RoomSessionStore.writeRadar`, `recordEnd`).
///
/// Columns are its `CodingKeys`; instants are `<event>_at` Unix milliseconds, durations `_ms`.
struct BroadcastRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    /// The table.
    static let databaseTableName = "broadcasts"

    /// Paid or trial, as stored (`PAID`, `TRIAL`).
    enum Kind: String, StoredEnum {
        case paid = "PAID"
        case trial = "TRIAL"

        static let column = "broadcasts.kind"

        /// The stored form of `kind`.
        init(_ kind: BroadcastKind) {
            switch kind {
            case .paid: self = .paid
            case .trial: self = .trial
            }
        }

        /// The domain's kind.
        var broadcastKind: BroadcastKind {
            switch self {
            case .paid: .paid
            case .trial: .trial
            }
        }
    }

    /// Live or ended, as stored (`LIVE`, `ENDED`).
    enum State: String, StoredEnum {
        case live = "LIVE"
        case ended = "ENDED"

        static let column = "broadcasts.state"
    }

    /// The broadcast id (`bc_…`).
    var broadcastID: String
    /// Paid or trial.
    var kind: Kind
    /// `ended` exactly when `endedAt` and `endReason` are set.
    var state: State
    /// The account whose code started it (paid only).
    var accountID: String?
    /// The code that started it (paid only).
    var codeID: String?
    /// The host's title, possibly empty.
    var title: String
    /// The SHA-256 (hex) of the host's secret token; the token itself is never stored.
    var hostTokenDigest: String
    /// Concurrent viewers admitted at most.
    var viewerLimit: Int
    /// When it started.
    var startedAt: Instant
    /// When it ends by itself at the latest, as last persisted.
    var hardEndAt: Instant
    /// When it ended; nil while live.
    var endedAt: Instant?
    /// Why it ended; nil while live.
    var endReason: BroadcastEndCause?
    /// The most viewers present at once, as last flushed.
    var peakViewers: Int
    /// Distinct viewers, as last flushed.
    var uniqueViewers: Int
    /// Total watch time, as last flushed.
    var totalWatch: TimeSpan
    /// When the radar was last flushed while live.
    var flushedAt: Instant?
    /// The one-at-a-time slot it holds while live: `code:<code id>` or `trial:<SHA-256 of the
    /// WeChat id>` (since session-v4; nil for rows written before).
    var slot: String?
    /// Paid: the code's validity end, as activation last said (since session-v4).
    var codeValidUntil: Instant?
    /// Paid: the end of the account's fee term active at the start, or after a renewal, as
    /// activation last said (since session-v4).
    var feeActiveUntil: Instant?

    /// The columns.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case broadcastID = "broadcast_id"
        case kind
        case state
        case accountID = "account_id"
        case codeID = "code_id"
        case title
        case hostTokenDigest = "host_token_sha256"
        case viewerLimit = "viewer_limit"
        case startedAt = "started_at"
        case hardEndAt = "hard_end_at"
        case endedAt = "ended_at"
        case endReason = "end_reason"
        case peakViewers = "peak_viewers"
        case uniqueViewers = "unique_viewers"
        case totalWatch = "total_watch_ms"
        case flushedAt = "flushed_at"
        case slot = "slot_key"
        case codeValidUntil = "code_valid_until_at"
        case feeActiveUntil = "fee_active_until_at"
    }

    /// The columns the store's queries filter and sort on.
    enum Columns {
        static let broadcastID = Column(CodingKeys.broadcastID)
        static let state = Column(CodingKeys.state)
        static let accountID = Column(CodingKeys.accountID)
        static let startedAt = Column(CodingKeys.startedAt)
        static let endedAt = Column(CodingKeys.endedAt)
    }
}

extension BroadcastRecord {
    /// A broadcast that is starting: live, with zero totals, never flushed.
    init(starting entry: LiveBroadcast, plan: BroadcastPlan, title: String, hostTokenDigest: String) {
        self.init(
            broadcastID: entry.broadcastID, kind: Kind(plan.kind), state: .live, accountID: entry.accountID,
            codeID: entry.codeID, title: title, hostTokenDigest: hostTokenDigest, viewerLimit: plan.viewerLimit,
            startedAt: plan.start, hardEndAt: plan.hardEnd, endedAt: nil, endReason: nil, peakViewers: 0, uniqueViewers: 0,
            totalWatch: .zero, flushedAt: nil, slot: entry.slot, codeValidUntil: entry.codeValidUntil,
            feeActiveUntil: entry.feeActiveUntil)
    }

    /// The in-memory facts of a broadcast the row records as live (after a restart). Rows from
    /// before session-v4 have no slot: a paid one takes its code's, a trial a slot of its own.
    var liveEntry: LiveBroadcast {
        var entry: LiveBroadcast
        switch kind {
        case .paid:
            entry = .paid(
                broadcastID, start: startedAt, accountID: accountID ?? "", codeID: codeID ?? broadcastID,
                codeValidUntil: codeValidUntil, feeActiveUntil: feeActiveUntil)
        case .trial:
            entry = LiveBroadcast(
                broadcastID: broadcastID, kind: .trial, start: startedAt, accountID: nil, codeID: nil,
                slot: slot ?? "trial-of:\(broadcastID)", codeValidUntil: nil, feeActiveUntil: nil)
        }
        entry.isOpened = true
        return entry
    }

    /// The plan it runs under, with its hard end as last persisted.
    var plan: BroadcastPlan {
        BroadcastPlan(kind: kind.broadcastKind, start: startedAt, viewerLimit: viewerLimit, hardEnd: hardEndAt)
    }

    /// Whether the row says it is live.
    var isLive: Bool { state == .live }

    /// The radar totals as persisted.
    var totals: BroadcastTotals {
        BroadcastTotals(
            start: startedAt, end: endedAt, peakConcurrent: peakViewers, uniqueViewers: uniqueViewers,
            totalWatchTime: totalWatch)
    }
}
