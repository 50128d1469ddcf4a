/// A broadcast that just started, and the secret that proves being its host (returned once,
/// never stored: the database keeps its SHA-256).
struct StartedBroadcast: Sendable {
    /// The broadcast as it stands.
    let broadcast: CurrentBroadcast
    /// `ht_…`.
    let hostToken: String
}
