/// A small reference implementation of one room's presence (RULES §7): who is present, their
/// leases, the peak, and the end of the broadcast.
///
/// A viewer is present at t while t is before its lease expiry (last join or heartbeat +
/// `lease`). Every operation first drops expired leases. It is single-threaded by nature (a
/// value); the session service keeps its own faster structure and must give the same answers.
public struct RoomPresence: Sendable {
    /// Concurrent viewers admitted at most.
    public let limit: Int
    /// How long a join or heartbeat keeps a viewer present.
    public let lease: TimeSpan
    /// Whether new joins can be admitted.
    public private(set) var isLive = true
    /// The most viewers present at once so far.
    public private(set) var peak = 0
    private var leaseExpiry: [String: Instant] = [:]
    /// No lease expires before this instant (a lower bound, so most calls skip the scan).
    private var noExpiryBefore: Instant?

    /// A live, empty room.
    public init(limit: Int, lease: TimeSpan = BroadcastRules.defaultLease) {
        self.limit = limit
        self.lease = lease
    }

    /// Viewers currently counted (call `expire(at:)` first for an up-to-date count).
    public var presentCount: Int { leaseExpiry.count }

    /// Whether `viewer` holds an unexpired lease at `instant`.
    public func isPresent(_ viewer: String, at instant: Instant) -> Bool {
        leaseExpiry[viewer].map { instant < $0 } ?? false
    }

    /// A viewer joins at `now` (see `Admission.decide`).
    ///
    /// - Throws: `invalidArgument` for an empty viewer id; otherwise as `Admission.decide`.
    @discardableResult
    public mutating func join(_ viewer: String, at now: Instant) throws(DomainError) -> Admission {
        guard !viewer.isEmpty else { throw .invalidArgument("a viewer id is required to join") }
        expire(at: now)
        let decision = try Admission.decide(
            roomIsLive: isLive, viewerIsPresent: leaseExpiry[viewer] != nil, presentCount: leaseExpiry.count, limit: limit)
        renewLease(of: viewer, at: now)
        peak = max(peak, leaseExpiry.count)
        return decision
    }

    /// A present viewer renews its lease at `now`.
    ///
    /// - Throws: `failedPrecondition` when the room has ended; `notFound` when the viewer is not
    ///   present (left, or its lease ran out): it must join again.
    public mutating func heartbeat(_ viewer: String, at now: Instant) throws(DomainError) {
        guard isLive else { throw .failedPrecondition("the broadcast has ended; heartbeats are no longer accepted") }
        expire(at: now)
        guard leaseExpiry[viewer] != nil else {
            throw .notFound("viewer \(viewer) is not in the room (left, or missed the \(lease) lease); join again")
        }
        renewLease(of: viewer, at: now)
    }

    /// A viewer leaves: its place is freed at once. Returns whether it was present.
    @discardableResult
    public mutating func leave(_ viewer: String) -> Bool {
        leaseExpiry.removeValue(forKey: viewer) != nil
    }

    /// Drops every viewer whose lease ran out by `now`; returns them, sorted.
    @discardableResult
    public mutating func expire(at now: Instant) -> [String] {
        guard let bound = noExpiryBefore, bound <= now else { return [] }
        let expired = leaseExpiry.filter { $0.value <= now }.keys.sorted()
        for viewer in expired { leaseExpiry.removeValue(forKey: viewer) }
        noExpiryBefore = leaseExpiry.values.min()
        return expired
    }

    /// Ends the broadcast: releases every viewer (returned, sorted) and refuses new joins.
    @discardableResult
    public mutating func end() -> [String] {
        isLive = false
        let released = leaseExpiry.keys.sorted()
        leaseExpiry.removeAll()
        noExpiryBefore = nil
        return released
    }

    private mutating func renewLease(of viewer: String, at now: Instant) {
        let expiry = now + lease
        leaseExpiry[viewer] = expiry
        noExpiryBefore = min(noExpiryBefore ?? expiry, expiry)
    }
}
