/// What a leave answers: whether the viewer was present, and the room's count and limit
/// afterwards, read under the same lock as the leave.
public struct LeaveOutcome: Sendable, Hashable {
    /// Whether the viewer was present (leaving twice, or an ended room, is harmless).
    public let wasPresent: Bool
    /// Viewers present after the leave.
    public let presentCount: Int
    /// The room's viewer limit.
    public let limit: Int

    public init(wasPresent: Bool, presentCount: Int, limit: Int) {
        self.wasPresent = wasPresent
        self.presentCount = presentCount
        self.limit = limit
    }
}
