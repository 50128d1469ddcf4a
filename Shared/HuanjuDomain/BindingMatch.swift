/// How the device id and WeChat id a host presents compare with a code's binding at an instant
/// (RULES §5, §7): starting a broadcast needs the pair the code is bound to.
public enum BindingMatch: Sendable, Hashable {
    /// The code was not bound at the instant: there was no pair to compare with.
    case notBound
    /// No ids were given: the answer is the one the bound pair gets.
    case notGiven
    /// Both ids are the binding's.
    case matches
    /// One or both differ from the binding's (a broadcast is PERMISSION_DENIED).
    case differs(deviceMatches: Bool, wechatMatches: Bool)
}
