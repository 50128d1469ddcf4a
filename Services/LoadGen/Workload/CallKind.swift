/// The three calls of the viewer path.
enum CallKind: UInt8, Sendable, CaseIterable {
    case join
    case heartbeat
    case leave
}

/// One call a connection is about to send: what, and for which viewer (the viewer's room
/// follows from the `Population`).
struct PlannedCall: Sendable {
    var kind: CallKind
    var viewer: Int
}
