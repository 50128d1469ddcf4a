import HuanjuDomain
import HuanjuWire

/// `huanju.session.v1.RadarRequest`.
public struct RadarRequest: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.RadarRequest"
    public var broadcastId: String
    public var hostToken: String
    public var pageSize: UInt32
    public var pageToken: String

    public init(broadcastId: String, hostToken: String = "", pageSize: UInt32 = 0, pageToken: String = "") {
        self.broadcastId = broadcastId
        self.hostToken = hostToken
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// `huanju.session.v1.RadarViewer`: one viewer's line of the radar.
public struct RadarViewerMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.RadarViewer"
    public var rank: UInt32
    public var viewerId: String
    public var firstJoinMs: Instant
    public var lastSeenMs: Instant
    public var visits: UInt32
    public var watchMs: Int64

    public init(rank: UInt32, viewerId: String, firstJoinMs: Instant, lastSeenMs: Instant, visits: UInt32, watchMs: Int64) {
        self.rank = rank
        self.viewerId = viewerId
        self.firstJoinMs = firstJoinMs
        self.lastSeenMs = lastSeenMs
        self.visits = visits
        self.watchMs = watchMs
    }
}

/// `huanju.session.v1.RadarTotals`.
public struct RadarTotalsMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.RadarTotals"
    public var peakViewers: UInt32
    public var uniqueViewers: UInt32
    public var totalWatchMs: Int64
    public var startedAtMs: Instant
    /// Zero while live.
    public var endedAtMs: Instant

    public init(peakViewers: UInt32, uniqueViewers: UInt32, totalWatchMs: Int64, startedAtMs: Instant, endedAtMs: Instant) {
        self.peakViewers = peakViewers
        self.uniqueViewers = uniqueViewers
        self.totalWatchMs = totalWatchMs
        self.startedAtMs = startedAtMs
        self.endedAtMs = endedAtMs
    }
}

/// `huanju.session.v1.RadarResponse`.
public struct RadarResponse: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.RadarResponse"
    public var broadcast: BroadcastMessage?
    public var totals: RadarTotalsMessage?
    public var viewers: [RadarViewerMessage]
    public var nextPageToken: String
    /// True for a trial: only the top 2 viewers are shown.
    public var redacted: Bool

    public init(broadcast: BroadcastMessage?, totals: RadarTotalsMessage?, viewers: [RadarViewerMessage],
                nextPageToken: String = "", redacted: Bool) {
        self.broadcast = broadcast
        self.totals = totals
        self.viewers = viewers
        self.nextPageToken = nextPageToken
        self.redacted = redacted
    }
}
