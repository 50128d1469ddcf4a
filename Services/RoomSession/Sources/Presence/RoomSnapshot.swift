import HuanjuDomain

/// A room's state at one instant: who it admits, how many are present, and whether and how it
/// ended.
public struct RoomSnapshot: Sendable, Hashable {
    /// The room (broadcast) id.
    public let roomID: String
    /// Paid or trial.
    public let kind: BroadcastKind
    /// Concurrent viewers admitted at most.
    public let limit: Int
    /// When the broadcast started.
    public let startedAt: Instant
    /// When it ends by itself at the latest (exclusive).
    public let hardEnd: Instant
    /// Viewers present now (0 once ended).
    public let presentCount: Int
    /// The most viewers present at once so far.
    public let peakConcurrent: Int
    /// Distinct viewers admitted so far.
    public let uniqueViewers: Int
    /// When it ended; nil while live.
    public let endedAt: Instant?
    /// Why it ended; nil while live.
    public let endReason: BroadcastEndReason?

    /// A snapshot with the given fields.
    public init(
        roomID: String, kind: BroadcastKind, limit: Int, startedAt: Instant, hardEnd: Instant, presentCount: Int,
        peakConcurrent: Int, uniqueViewers: Int, endedAt: Instant?, endReason: BroadcastEndReason?
    ) {
        self.roomID = roomID
        self.kind = kind
        self.limit = limit
        self.startedAt = startedAt
        self.hardEnd = hardEnd
        self.presentCount = presentCount
        self.peakConcurrent = peakConcurrent
        self.uniqueViewers = uniqueViewers
        self.endedAt = endedAt
        self.endReason = endReason
    }

    /// Whether the broadcast has ended (the room refuses joins).
    public var isEnded: Bool { endedAt != nil }
}
