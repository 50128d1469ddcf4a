/// What happens next to a code after an instant, as known now: the next status change (the
/// `CodeTimeline` interval after the instant's) and a sentence saying what it means or what
/// would help, naming instants in CST.
public struct NextStatusChange: Sendable, Hashable {
    /// When the status changes next; nil when it never does (LAPSED, EXPIRED).
    public let at: Instant?
    /// The status from then; nil when it never changes.
    public let status: CodeStatus?
    /// E.g. "usable until 2021-01-31 12:00 CST, when …", "bind before 2020-03-01 12:00 CST: …",
    /// "usable again when the annual fee is renewed …", "never again: codes cannot be renewed;
    /// buy a new code".
    public let sentence: String

    /// A change at `at` to `status`, described by `sentence`.
    public init(at: Instant?, status: CodeStatus?, sentence: String) {
        self.at = at
        self.status = status
        self.sentence = sentence
    }
}
