/// Every viewer a room ever admitted, as fixed-size records, plus the order of present viewers
/// by last seen (for lease expiry) and the list of records changed since the last drain.
///
/// The one place that knows the representation, so it can be swapped for another:
/// - `records`: one 36-byte `ViewerRecord` per unique viewer, in first-join order, never
///   removed (the radar needs them until the room is dropped). It grows by half, or straight
///   to the room's limit when that is nearer, so a room filled to its limit wastes nothing.
/// - `slots`: an open-addressing index (linear probing, power-of-two size, load ≤ 3/4) keyed
///   by the 64-bit value of `wx_<16 hex>` ids mixed with a per-room random seed (so chosen ids
///   cannot pile up in one probe run). A slot is 8 bytes: the record number and 32 more bits
///   of the key's hash, so a probe compares in the index and reads a record (a cache miss in
///   a large room) only when those bits match — about once per lookup.
/// - other ids are interned once: `internedIDs[n]` is the text, `internIndex` maps text to the
///   record number; their records carry `n` as their key and are not in `slots`.
/// - the lease order is a doubly linked list through the records (`older`/`newer`), oldest
///   last seen first, so expiry pops from the front in O(1) per expired viewer.
///
/// Per `wx_` viewer: 36 bytes of record plus 8/load bytes of index (10.7–21.3, about 13 at
/// 20,000 viewers), plus 4 bytes in the dirty list until the next drain. Not thread-safe: the
/// room's lock guards it.
struct ViewerTable: Sendable {
    /// The records, indexed by record number.
    private(set) var records: [ViewerRecord] = []
    /// 0: empty; else the hash's high 32 bits above the record number + 1.
    private var slots: [UInt64]
    private var slotMask: Int
    private var internedIDs: [String] = []
    private var internIndex: [String: Int32] = [:]
    private let seed: UInt64
    /// Records grow towards this count in one step when it is near (the room's viewer limit).
    private let expectedCount: Int
    /// The present viewer with the oldest last seen; -1 when none is present.
    private(set) var oldest: Int32 = -1
    /// The present viewer with the newest last seen; -1 when none is present.
    private(set) var newest: Int32 = -1
    /// Viewers in the lease order.
    private(set) var presentCount = 0
    /// Records changed since they were last taken (`takeDirty(limit:)`).
    private var dirty: [Int32] = []

    private static let initialSlots = 16

    /// A copy of a changed record, with its id's text when interned.
    typealias Change = (record: ViewerRecord, text: String?)

    /// An empty table; `expectedCount` is the room's limit, `seed` a random hash seed.
    init(expectedCount: Int, seed: UInt64) {
        self.expectedCount = expectedCount
        self.seed = seed
        slots = Array(repeating: 0, count: Self.initialSlots)
        slotMask = Self.initialSlots - 1
    }

    /// Unique viewers (records).
    var count: Int { records.count }

    /// The record numbered `index`.
    subscript(index: Int32) -> ViewerRecord {
        get { records[Int(index)] }
        set { records[Int(index)] = newValue }
    }

    /// The record number of `viewer`, or nil if it was never admitted.
    func find(_ viewer: ViewerID) -> Int32? {
        switch viewer {
        case .compact(let key):
            let hashed = hash(key)
            let tag = hashed >> 32
            var slot = Int(truncatingIfNeeded: hashed) & slotMask
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                if entry >> 32 == tag {
                    let index = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    let record = records[Int(index)]
                    if record.key == key, !record.isInterned { return index }
                }
                slot = (slot + 1) & slotMask
            }
        case .other(let text):
            return internIndex[text]
        }
    }

    /// Adds a record for `viewer` (which must not be in the table) first admitted at `offset`;
    /// returns its number.
    mutating func insert(_ viewer: ViewerID, firstJoin offset: Int32) -> Int32 {
        reserveRecord()
        let index = Int32(records.count)
        switch viewer {
        case .compact(let key):
            records.append(ViewerRecord(key: key, interned: false, firstJoin: offset))
            if (records.count - internedIDs.count) * 4 > slots.count * 3 { rehash(slotCount: slots.count * 2) }
            else { place(index, key: key) }
        case .other(let text):
            records.append(ViewerRecord(key: UInt64(internedIDs.count), interned: true, firstJoin: offset))
            internIndex[text] = index
            internedIDs.append(text)
        }
        return index
    }

    /// The id of a record, or nil when it is a `wx_` id (rebuilt from its key by `ViewerID.format`).
    func internedText(of record: ViewerRecord) -> String? {
        record.isInterned ? internedIDs[Int(record.keyLow)] : nil
    }

    // MARK: Lease order

    /// Puts a present record at its place in the lease order: normally the newest end; a last
    /// seen older than the newest (a clock set back) walks back to keep the order.
    mutating func enterLeaseOrder(_ index: Int32) {
        let seen = records[Int(index)].lastSeen
        var before = newest
        while before >= 0, records[Int(before)].lastSeen > seen { before = records[Int(before)].older }
        let after = before >= 0 ? records[Int(before)].newer : oldest
        records[Int(index)].older = before
        records[Int(index)].newer = after
        if before >= 0 { records[Int(before)].newer = index } else { oldest = index }
        if after >= 0 { records[Int(after)].older = index } else { newest = index }
        presentCount += 1
    }

    /// Takes a record out of the lease order.
    mutating func leaveLeaseOrder(_ index: Int32) {
        let before = records[Int(index)].older
        let after = records[Int(index)].newer
        if before >= 0 { records[Int(before)].newer = after } else { oldest = after }
        if after >= 0 { records[Int(after)].older = before } else { newest = before }
        records[Int(index)].older = -1
        records[Int(index)].newer = -1
        presentCount -= 1
    }

    // MARK: Changes

    /// Notes that a record changed since the last drain (once per record between drains).
    mutating func markDirty(_ index: Int32) {
        guard !records[Int(index)].isDirty else { return }
        records[Int(index)].isDirty = true
        dirty.append(index)
    }

    /// Whether records changed since they were last taken.
    var hasDirty: Bool { !dirty.isEmpty }

    /// How many records changed since they were last taken.
    var dirtyCount: Int { dirty.count }

    /// Up to `limit` of the records changed since they were last taken, with their interned
    /// ids, as copies. When the last one is taken the list's memory is released, not kept for
    /// the next round.
    mutating func takeDirty(limit: Int) -> [Change] {
        let count = min(limit, dirty.count)
        var copies: [Change] = []
        copies.reserveCapacity(count)
        for _ in 0..<count {
            let index = dirty.removeLast()
            records[Int(index)].isDirty = false
            let record = records[Int(index)]
            copies.append((record, internedText(of: record)))
        }
        if dirty.isEmpty { dirty = [] }
        return copies
    }

    /// Copies of every record and of the interned ids (for the radar, read outside the lock).
    func copyAll() -> (records: [ViewerRecord], interned: [String]) {
        (records.withUnsafeBufferPointer { Array($0) }, internedIDs.withUnsafeBufferPointer { Array($0) })
    }

    // MARK: Memory

    /// Bytes held by the table's buffers (records, index, dirty list, interned ids' array and
    /// dictionary, not counting the interned strings' own storage).
    var footprintBytes: Int {
        records.capacity * MemoryLayout<ViewerRecord>.stride
            + slots.capacity * MemoryLayout<UInt64>.stride
            + dirty.capacity * MemoryLayout<Int32>.stride
            + internedIDs.capacity * MemoryLayout<String>.stride
            + internIndex.capacity * (MemoryLayout<String>.stride + MemoryLayout<Int32>.stride)
    }

    // MARK: Private

    /// Makes room for one more record: grows by half, or to the expected count when that is
    /// nearer (a room filled to its limit then holds exactly its limit).
    private mutating func reserveRecord() {
        guard records.count == records.capacity else { return }
        var target = max(16, records.count + records.count / 2)
        if records.count < expectedCount, expectedCount < target { target = expectedCount }
        records.reserveCapacity(target)
    }

    private func hash(_ key: UInt64) -> UInt64 {
        // SplitMix64's finalizer over the seeded key: every input bit reaches every output bit.
        var z = key ^ seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func place(_ index: Int32, key: UInt64) {
        let hashed = hash(key)
        var slot = Int(truncatingIfNeeded: hashed) & slotMask
        while slots[slot] != 0 { slot = (slot + 1) & slotMask }
        slots[slot] = hashed & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(bitPattern: index) &+ 1)
    }

    private mutating func rehash(slotCount: Int) {
        slots = Array(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        for index in records.indices where !records[index].isInterned {
            place(Int32(index), key: records[index].key)
        }
    }
}
