import GRDB
import HuanjuDomain

/// One row of `broadcasts`: a broadcast as last persisted.
public struct BroadcastRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    /// The table.
    public static let databaseTableName = "broadcasts"

    /// The broadcast id (`bc_…`).
    public var broadcastID: String
    /// Paid or trial.
    public var kind: BroadcastKind
    /// Whether the row says it is live (`endedAt` and `endCause` are nil exactly then).
    public var isLive: Bool
    /// The account whose code started it (paid only).
    public var accountID: String?
    /// The code that started it (paid only).
    public var codeID: String?
    /// The host's title, possibly empty.
    public var title: String
    /// The SHA-256 (hex) of the host's secret token; the token itself is never stored.
    public var hostTokenDigest: String
    /// Concurrent viewers admitted at most.
    public var viewerLimit: Int
    /// When it started.
    public var startedAt: Instant
    /// When it ends by itself at the latest, as last persisted.
    public var hardEnd: Instant
    /// When it ended; nil while live.
    public var endedAt: Instant?
    /// Why it ended; nil while live.
    public var endCause: BroadcastEndCause?
    /// Radar totals as last flushed.
    public var peakViewers: Int
    /// Distinct viewers as last flushed.
    public var uniqueViewers: Int
    /// Total watch time as last flushed.
    public var totalWatch: TimeSpan
    /// When the radar was last flushed while live (the restart policy's end instant).
    public var flushedAt: Instant?

    /// A new, live row with zero totals.
    public init(
        broadcastID: String, kind: BroadcastKind, accountID: String?, codeID: String?, title: String,
        hostTokenDigest: String, viewerLimit: Int, startedAt: Instant, hardEnd: Instant
    ) {
        self.broadcastID = broadcastID
        self.kind = kind
        isLive = true
        self.accountID = accountID
        self.codeID = codeID
        self.title = title
        self.hostTokenDigest = hostTokenDigest
        self.viewerLimit = viewerLimit
        self.startedAt = startedAt
        self.hardEnd = hardEnd
        endedAt = nil
        endCause = nil
        peakViewers = 0
        uniqueViewers = 0
        totalWatch = .zero
        flushedAt = nil
    }

    /// The radar totals as persisted.
    public var totals: BroadcastTotals {
        BroadcastTotals(
            start: startedAt, end: endedAt, peakConcurrent: peakViewers, uniqueViewers: uniqueViewers,
            totalWatchTime: totalWatch)
    }

    // MARK: Authorization

    /// Whether a caller holding `token` or acting as `account` may see and end this broadcast:
    /// the host token, or the account whose code started a paid broadcast (RULES §9, §10).
    public func admits(token: String, account: String?) -> Bool {
        if !token.isEmpty, HostToken.matches(token, digest: hostTokenDigest) { return true }
        if kind == .paid, let account, let accountID, account == accountID { return true }
        return false
    }

    // MARK: Record

    /// Reads a row of `broadcasts`.
    public init(row: Row) throws {
        broadcastID = try row.decode(String.self, forColumn: "broadcast_id")
        let kindText = try row.decode(String.self, forColumn: "kind")
        guard let kind = BroadcastKind(rawValue: kindText) else {
            throw DatabaseError(message: "broadcasts.kind holds an unknown kind '\(kindText)'")
        }
        self.kind = kind
        isLive = try row.decode(String.self, forColumn: "state") == "LIVE"
        accountID = try row.decode(String?.self, forColumn: "account_id")
        codeID = try row.decode(String?.self, forColumn: "code_id")
        title = try row.decode(String.self, forColumn: "title")
        hostTokenDigest = try row.decode(String.self, forColumn: "host_token_sha256")
        viewerLimit = try row.decode(Int.self, forColumn: "viewer_limit")
        startedAt = Instant(unixMilliseconds: try row.decode(Int64.self, forColumn: "started_at_ms"))
        hardEnd = Instant(unixMilliseconds: try row.decode(Int64.self, forColumn: "hard_end_ms"))
        endedAt = try row.decode(Int64?.self, forColumn: "ended_at_ms").map(Instant.init(unixMilliseconds:))
        let reasonText = try row.decode(String?.self, forColumn: "end_reason")
        endCause = reasonText.flatMap(BroadcastEndCause.init(rawValue:))
        peakViewers = try row.decode(Int.self, forColumn: "peak_viewers")
        uniqueViewers = try row.decode(Int.self, forColumn: "unique_viewers")
        totalWatch = .milliseconds(try row.decode(Int64.self, forColumn: "total_watch_ms"))
        flushedAt = try row.decode(Int64?.self, forColumn: "flushed_at_ms").map(Instant.init(unixMilliseconds:))
    }

    /// Writes the row's columns.
    public func encode(to container: inout PersistenceContainer) throws {
        container["broadcast_id"] = broadcastID
        container["kind"] = kind.rawValue
        container["state"] = isLive ? "LIVE" : "ENDED"
        container["account_id"] = accountID
        container["code_id"] = codeID
        container["title"] = title
        container["host_token_sha256"] = hostTokenDigest
        container["viewer_limit"] = viewerLimit
        container["started_at_ms"] = startedAt.unixMilliseconds
        container["hard_end_ms"] = hardEnd.unixMilliseconds
        container["ended_at_ms"] = endedAt?.unixMilliseconds
        container["end_reason"] = endCause?.rawValue
        container["peak_viewers"] = peakViewers
        container["unique_viewers"] = uniqueViewers
        container["total_watch_ms"] = totalWatch.milliseconds
        container["flushed_at_ms"] = flushedAt?.unixMilliseconds
    }
}
