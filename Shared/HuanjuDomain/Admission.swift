/// The admission rule for a viewer joining a room (RULES §7), as a pure decision.
///
/// Admitted iff the room is live and either the viewer is already present (a rejoin never
/// counts twice) or fewer than `limit` viewers are present. Callers must make the read of
/// presence and the insert one atomic step, so that the limit is never exceeded.
public enum Admission: String, Sendable, Hashable, Codable {
    /// A new viewer took a free place.
    case admitted = "ADMITTED"
    /// The viewer was already present: nothing counted, the lease is refreshed.
    case rejoined = "REJOINED"

    /// Decides one join.
    ///
    /// - Throws: `failedPrecondition` when the room is not live; `resourceExhausted` naming the
    ///   limit when it is full.
    public static func decide(roomIsLive: Bool, viewerIsPresent: Bool, presentCount: Int, limit: Int) throws(DomainError) -> Admission {
        guard roomIsLive else {
            throw .failedPrecondition("the broadcast is not live; new viewers cannot join a room that has ended")
        }
        if viewerIsPresent { return .rejoined }
        guard presentCount < limit else { throw roomFull(limit: limit) }
        return .admitted
    }

    /// `room is full: limit 30,000 concurrent viewers; …`.
    public static func roomFull(limit: Int) -> DomainError {
        .resourceExhausted(
            "room is full: limit \(limit.grouped) concurrent viewers; try again when a viewer leaves")
    }
}
