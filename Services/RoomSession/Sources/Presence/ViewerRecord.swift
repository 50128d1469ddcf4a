/// One viewer's presence and radar counters in one room: 36 bytes, stored inline in a
/// `ViewerTable` (no per-viewer allocation).
///
/// Instants are kept as signed milliseconds from the room's start (`RoomClock`), which covers
/// ±24.8 days around it: a broadcast lasts 4 hours at most (RULES §7), and a room's hard end is
/// never accepted further than `PresenceEngine.maxBroadcastSpan` from its start. The record is
/// all 32-bit fields, so its alignment is 4 and its stride equals its size.
struct ViewerRecord: Sendable, BitwiseCopyable {
    /// Low half of the viewer's key: the value of a `wx_<16 hex>` id, or an interned id's number.
    var keyLow: UInt32
    /// High half of the viewer's key.
    var keyHigh: UInt32
    /// The first admitting join.
    var firstJoin: Int32
    /// The last join, heartbeat or leave.
    var lastSeen: Int32
    /// When the open visit started (meaningful only while present).
    var visitStart: Int32
    /// Milliseconds watched in closed visits (saturating).
    var closedWatch: UInt32
    /// Visits in the low 29 bits (saturating), flags in the top 3 (`present`, `interned`, `dirty`).
    private var visitsAndFlags: UInt32
    /// The previous record in the room's lease order (older last seen); -1 for none.
    var older: Int32
    /// The next record in the room's lease order (newer last seen); -1 for none.
    var newer: Int32

    private static let presentBit: UInt32 = 1 << 31
    private static let internedBit: UInt32 = 1 << 30
    private static let dirtyBit: UInt32 = 1 << 29
    private static let visitsMask: UInt32 = (1 << 29) - 1

    /// A record for a viewer admitted for the first time at `instant` (its visit is not opened yet).
    init(key: UInt64, interned: Bool, firstJoin instant: Int32) {
        keyLow = UInt32(truncatingIfNeeded: key)
        keyHigh = UInt32(truncatingIfNeeded: key >> 32)
        firstJoin = instant
        lastSeen = instant
        visitStart = instant
        closedWatch = 0
        visitsAndFlags = interned ? Self.internedBit : 0
        older = -1
        newer = -1
    }

    /// The 64-bit key.
    var key: UInt64 { UInt64(keyHigh) << 32 | UInt64(keyLow) }

    /// Whether the key is an interned id's number rather than a `wx_<16 hex>` value.
    var isInterned: Bool { visitsAndFlags & Self.internedBit != 0 }

    /// Whether the viewer holds a place (its visit is open and it is in the lease order).
    var isPresent: Bool {
        get { visitsAndFlags & Self.presentBit != 0 }
        set { set(Self.presentBit, newValue) }
    }

    /// Whether the record changed since the last drain (it is in the room's dirty list).
    var isDirty: Bool {
        get { visitsAndFlags & Self.dirtyBit != 0 }
        set { set(Self.dirtyBit, newValue) }
    }

    /// Visits so far.
    var visits: Int { Int(visitsAndFlags & Self.visitsMask) }

    /// Counts one more visit (saturating at 536,870,911).
    mutating func countVisit() {
        if visitsAndFlags & Self.visitsMask != Self.visitsMask { visitsAndFlags += 1 }
    }

    /// Sets the visit count (a reopened room's recorded radar), saturating.
    mutating func setVisits(_ count: Int) {
        visitsAndFlags = visitsAndFlags & ~Self.visitsMask | UInt32(clamping: min(max(0, count), Int(Self.visitsMask)))
    }

    /// Adds `milliseconds` (≥ 0) to the closed watch time, saturating.
    mutating func addWatch(milliseconds: Int64) {
        closedWatch = UInt32(clamping: Int64(closedWatch) + max(0, milliseconds))
    }

    /// Milliseconds watched up to `offset`: closed visits plus the open one, if any, up to `offset`.
    func watchMilliseconds(upTo offset: Int64) -> Int64 {
        Int64(closedWatch) + (isPresent ? max(0, offset - Int64(visitStart)) : 0)
    }

    private mutating func set(_ bit: UInt32, _ on: Bool) {
        if on { visitsAndFlags |= bit } else { visitsAndFlags &= ~bit }
    }
}
