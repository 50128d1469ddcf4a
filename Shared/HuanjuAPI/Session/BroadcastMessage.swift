import HuanjuDomain
import HuanjuWire

/// `huanju.session.v1.Broadcast`: a broadcast as the service sees it now.
public struct BroadcastMessage: BridgedWireMessage, Equatable {
    public static let protoName = "huanju.session.v1.Broadcast"
    public var broadcastId: String
    public var kind: BroadcastKindMessage
    public var state: BroadcastStateMessage
    public var codeId: String
    public var accountId: String
    public var viewerLimit: UInt32
    public var startedAtMs: Instant
    /// The hard end as known now.
    public var endsAtMs: Instant
    /// Zero while live.
    public var endedAtMs: Instant
    public var endReason: EndReasonMessage
    public var presentViewers: UInt32
    public var peakViewers: UInt32
    public var title: String

    public init(broadcastId: String, kind: BroadcastKindMessage, state: BroadcastStateMessage, codeId: String = "",
                accountId: String = "", viewerLimit: UInt32, startedAtMs: Instant, endsAtMs: Instant,
                endedAtMs: Instant = Instant(unixMilliseconds: 0), endReason: EndReasonMessage = .unspecified,
                presentViewers: UInt32 = 0, peakViewers: UInt32 = 0, title: String = "") {
        self.broadcastId = broadcastId
        self.kind = kind
        self.state = state
        self.codeId = codeId
        self.accountId = accountId
        self.viewerLimit = viewerLimit
        self.startedAtMs = startedAtMs
        self.endsAtMs = endsAtMs
        self.endedAtMs = endedAtMs
        self.endReason = endReason
        self.presentViewers = presentViewers
        self.peakViewers = peakViewers
        self.title = title
    }
}
