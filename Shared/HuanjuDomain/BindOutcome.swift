/// What a successful `ActivationCode.bind` did.
public enum BindOutcome: String, Sendable, Hashable, Codable {
    /// The code is now bound; the store must record the binding.
    case bound = "BOUND"
    /// The code was already bound to the same pair: an idempotent success, nothing to record.
    case alreadyBound = "ALREADY_BOUND"
}
