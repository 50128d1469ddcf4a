/// Fixed numbers of broadcasts and the trial (RULES §7–§9).
public enum BroadcastRules {
    /// A broadcast lasts at most 4 hours.
    public static let maxDuration = TimeSpan.hours(4)
    /// A trial room holds at most 10 concurrent viewers.
    public static let trialViewerLimit = 10
    /// A trial's data radar lists only the top 2 viewers.
    public static let trialRadarTop = 2
    /// A viewer must heartbeat within this lease (configurable by the service).
    public static let defaultLease = TimeSpan.seconds(60)
}
