/// The viewers and rooms of a run, identical for every target.
///
/// Viewer `i` is `wx_` + 16 lowercase hex digits (a bijection of `i`, so ids are distinct and
/// look random) and watches room `i mod rooms`. A room admits `limit` viewers, except the first
/// `crowdedPercent` % of the rooms, which admit half their audience: those fill and refuse joins,
/// the others stay below their limit.
struct Population: Sendable {
    let viewers: Int
    let rooms: Int
    let limit: Int
    let crowdedPercent: Int
    let seed: UInt64

    /// The length of every viewer id: `wx_` + 16 hex digits.
    static let viewerIDLength = 19

    /// The room viewer `viewer` watches.
    func room(of viewer: Int) -> Int { viewer % rooms }

    /// Viewers watching room `room`.
    func audience(of room: Int) -> Int { viewers / rooms + (room < viewers % rooms ? 1 : 0) }

    /// Rooms that fill up: the first `crowdedPercent` % of them.
    var crowdedRooms: Int { rooms * crowdedPercent / 100 }

    /// The viewer limit of room `room`.
    func limit(of room: Int) -> Int {
        room < crowdedRooms ? max(1, audience(of: room) / 2) : limit
    }

    /// Viewer `viewer`'s id, as UTF-8 bytes.
    func viewerID(_ viewer: Int) -> [UInt8] {
        let value = SplitMix64.mix(UInt64(viewer) ^ (seed &* 0x9E37_79B9_7F4A_7C15))
        let hex = Array("0123456789abcdef".utf8)
        var bytes = Array("wx_".utf8)
        bytes.reserveCapacity(Self.viewerIDLength)
        for shift in stride(from: 60, through: 0, by: -4) {
            bytes.append(hex[Int((value >> UInt64(shift)) & 0xF)])
        }
        return bytes
    }

    /// Viewer `viewer`'s id.
    func viewerIDString(_ viewer: Int) -> String {
        String(decoding: viewerID(viewer), as: UTF8.self)
    }
}
