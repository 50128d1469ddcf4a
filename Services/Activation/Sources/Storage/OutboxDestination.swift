/// The peers activation's outbox delivers to (`Outbox` destinations), each by its own relay.
enum OutboxDestination {
    /// Billing: applied expansions. "" — what every message was before there were two peers.
    static let billing = ""
    /// Room-session: fee-terms changes, so that live broadcasts' ends follow a renewal.
    static let roomSession = "room-session"

    /// The peer's name as operators read it.
    static func name(_ destination: String) -> String {
        destination == billing ? "billing" : destination
    }

    /// The destination an operator names ("" or "billing", "room-session"), or nil for another.
    static func named(_ name: String) -> String? {
        switch name {
        case "", "billing": billing
        case roomSession: roomSession
        default: nil
        }
    }
}
