import NIOCore

/// The calls a connection has sent and not yet seen answered: when each was sent and what it was.
///
/// Each call takes a free slot; its call id is `sequence << 12 | slot`, so a response finds its
/// call without a hash lookup (and a stale or foreign id is detected). For protocols that answer
/// in order, the slots are also kept in sending order.
struct InFlightCalls {
    /// The most calls in flight on one connection (the slot bits of a call id).
    static let maxDepth = 1 << slotBits
    private static let slotBits = 12

    private struct Slot {
        var callID: UInt64 = 0
        var sentAt: UInt64 = 0
        var kind = CallKind.join
    }

    private var slots: [Slot]
    private var free: [Int]
    private var sendingOrder: CircularBuffer<Int>
    private let inOrder: Bool
    private var sequence: UInt64 = 0

    /// Room for `depth` calls; `inOrder` for protocols whose answers come in request order.
    init(depth: Int, inOrder: Bool) {
        slots = Array(repeating: Slot(), count: depth)
        free = Array((0..<depth).reversed())
        sendingOrder = CircularBuffer(initialCapacity: depth)
        self.inOrder = inOrder
    }

    /// Calls sent and not answered.
    var count: Int { slots.count - free.count }

    /// Whether another call may be sent.
    var hasRoom: Bool { !free.isEmpty }

    /// Records a call sent at `sentAt` (nanoseconds) and returns its call id (never 0).
    mutating func add(_ kind: CallKind, sentAt: UInt64) -> UInt64 {
        let slot = free.removeLast()
        sequence += 1
        let callID = sequence << UInt64(Self.slotBits) | UInt64(slot)
        slots[slot] = Slot(callID: callID, sentAt: sentAt, kind: kind)
        if inOrder { sendingOrder.append(slot) }
        return callID
    }

    /// Removes and returns the call a response answers: the one with `callID`, or the oldest
    /// when responses carry none. Nil when no such call is waiting.
    mutating func take(callID: UInt64?) -> (kind: CallKind, sentAt: UInt64)? {
        let slot: Int
        if let callID {
            slot = Int(callID & UInt64(Self.maxDepth - 1))
            guard slot < slots.count, slots[slot].callID == callID, callID != 0 else { return nil }
        } else {
            guard let oldest = sendingOrder.popFirst() else { return nil }
            slot = oldest
        }
        let call = slots[slot]
        slots[slot].callID = 0
        free.append(slot)
        return (call.kind, call.sentAt)
    }
}
