import NIOCore

/// Redis over RESP, doing the same admission as the session service with one set per room:
///
/// - join: `EVALSHA <sha> 1 <room key> <viewer> <limit>` of `Tests/Benchmarks/redis_join.lua`
///   (or `EVAL <text> …` with `--eval`)
///   (admit when the viewer is present already or the set is below the limit: 1, else 0);
/// - heartbeat: `SISMEMBER <room key> <viewer>` (1 present, 0 absent): a presence check without
///   a lease renewal, cheaper than the service's heartbeat, which also moves the lease;
/// - leave: `SREM <room key> <viewer>`.
///
/// Requests are copied from parts built once (command prefix, room key, viewer id, limit).
/// Redis answers in request order.
struct RedisDialect: WireDialect {
    static let matchesByCallId = false

    private let joinPrefix: [UInt8]
    private static let heartbeatPrefix = Array("*3\r\n$9\r\nSISMEMBER\r\n".utf8)
    private static let leavePrefix = Array("*3\r\n$4\r\nSREM\r\n".utf8)
    /// `$<n>\r\n<key>\r\n` per room.
    private let roomKeys: FlatBytes
    /// `$<n>\r\n<limit>\r\n` per room.
    private let roomLimits: FlatBytes
    /// `$19\r\n<viewer id>\r\n` per viewer.
    private let viewerIDs: FlatBytes
    private let population: Population

    /// How a join names its script.
    enum Script {
        /// `EVALSHA <sha-1>`: the script loaded once (what a production client does).
        case sha(String)
        /// `EVAL <text>`: the script's text in every call (what `redis-benchmark EVAL` measures).
        case text(String)
    }

    /// Requests for `population`, joining with `script`.
    init(population: Population, script: Script) {
        self.population = population
        switch script {
        case .sha(let sha):
            joinPrefix = Array("*6\r\n$7\r\nEVALSHA\r\n".utf8) + Self.bulk(Array(sha.utf8)) + Self.bulk(Array("1".utf8))
        case .text(let text):
            joinPrefix = Array("*6\r\n$4\r\nEVAL\r\n".utf8) + Self.bulk(Array(text.utf8)) + Self.bulk(Array("1".utf8))
        }
        var keys = FlatBytes()
        var limits = FlatBytes()
        for room in 0..<population.rooms {
            keys.append(Self.bulk(Array(Self.key(room: room).utf8)))
            limits.append(Self.bulk(Array(String(population.limit(of: room)).utf8)))
        }
        var ids = FlatBytes()
        for viewer in 0..<population.viewers {
            ids.append(Self.bulk(population.viewerID(viewer)))
        }
        roomKeys = keys
        roomLimits = limits
        viewerIDs = ids
    }

    /// The key of room `room`'s set.
    static func key(room: Int) -> String { "hj:room:\(room)" }

    /// A RESP bulk string.
    static func bulk(_ bytes: [UInt8]) -> [UInt8] {
        Array("$\(bytes.count)\r\n".utf8) + bytes + [13, 10]
    }

    func encode(_ call: PlannedCall, callID _: UInt64, into buffer: inout ByteBuffer) {
        let room = population.room(of: call.viewer)
        switch call.kind {
        case .join: buffer.writeBytes(joinPrefix)
        case .heartbeat: buffer.writeBytes(Self.heartbeatPrefix)
        case .leave: buffer.writeBytes(Self.leavePrefix)
        }
        roomKeys.withBytes(room) { _ = buffer.writeBytes($0) }
        viewerIDs.withBytes(call.viewer) { _ = buffer.writeBytes($0) }
        if call.kind == .join {
            roomLimits.withBytes(room) { _ = buffer.writeBytes($0) }
        }
    }

    func decode(_ buffer: inout ByteBuffer) throws -> RawResponse? {
        let reply = buffer.withUnsafeReadableBytes { Self.reply(in: $0) }
        guard let reply else { return nil }
        buffer.moveReaderIndex(forwardBy: reply.length)
        switch reply.line {
        case .integer(let value): return RawResponse(callID: nil, code: value)
        case .error(let message): return RawResponse(callID: nil, code: -1, message: message)
        case .unexpected(let text): throw LoadGenError(description: "Redis sent '\(text)' to a viewer call")
        }
    }

    /// One reply line as the viewer calls get them.
    private enum Line {
        case integer(Int64)
        case error(String)
        case unexpected(String)
    }

    /// The first reply in `bytes` and its length with CRLF; nil until its CRLF has arrived.
    private static func reply(in bytes: UnsafeRawBufferPointer) -> (line: Line, length: Int)? {
        guard bytes.count >= 3 else { return nil }
        var end = 1
        while bytes[end] != 13 || bytes[end + 1] != 10 {
            end += 1
            if end + 1 >= bytes.count { return nil }
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[1..<end])
        switch bytes[0] {
        case UInt8(ascii: ":"):
            var value: Int64 = 0
            var negative = false
            for (index, byte) in text.enumerated() {
                if index == 0, byte == UInt8(ascii: "-") { negative = true; continue }
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                    return (.unexpected(":" + String(decoding: text, as: UTF8.self)), end + 2)
                }
                value = value &* 10 &+ Int64(byte - UInt8(ascii: "0"))
            }
            return (.integer(negative ? -value : value), end + 2)
        case UInt8(ascii: "-"):
            return (.error(String(decoding: text, as: UTF8.self)), end + 2)
        default:
            return (.unexpected(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)), end + 2)
        }
    }

    func outcome(of response: RawResponse, for kind: CallKind) -> CallOutcome {
        switch (response.code, kind) {
        case (1, _): .ok
        case (0, .join): .refused
        case (0, .heartbeat): .absent
        case (0, .leave): .ok
        default: .failed
        }
    }
}
