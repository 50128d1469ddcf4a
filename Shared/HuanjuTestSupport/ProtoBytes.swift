/// Writes protobuf's wire format by hand, for inputs the real encoder refuses to produce
/// (strings with NUL bytes, invalid UTF-8): the fuzz tests send those to the services.
public struct ProtoBytes: Sendable, Equatable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Appends a length-delimited field (a string, bytes or a sub-message) holding `value`.
    public mutating func append(field number: UInt32, lengthDelimited value: [UInt8]) {
        appendVarint(UInt64(number) << 3 | 2)
        appendVarint(UInt64(value.count))
        bytes += value
    }

    /// Appends a varint field (an integer, a bool or an enum).
    public mutating func append(field number: UInt32, varint value: UInt64) {
        appendVarint(UInt64(number) << 3)
        appendVarint(value)
    }

    private mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}

extension ProtoBytes {
    /// A `huanju.rpc.v1.Request` envelope with any bytes at all in its strings (NUL, invalid
    /// UTF-8…), which the real client cannot send.
    public static func request(
        callID: UInt64 = 1, method: [UInt8], metadata: [(key: [UInt8], value: [UInt8])] = [], payload: [UInt8] = [],
        deadlineMs: UInt64 = 20_000
    ) -> [UInt8] {
        var envelope = ProtoBytes()
        envelope.append(field: 1, varint: callID)
        envelope.append(field: 2, lengthDelimited: method)
        envelope.append(field: 3, varint: deadlineMs)
        for entry in metadata {
            var pair = ProtoBytes()
            pair.append(field: 1, lengthDelimited: entry.key)
            pair.append(field: 2, lengthDelimited: entry.value)
            envelope.append(field: 4, lengthDelimited: pair.bytes)
        }
        if !payload.isEmpty { envelope.append(field: 5, lengthDelimited: payload) }
        return envelope.bytes
    }

    /// `request` with text method and metadata.
    public static func request(
        callID: UInt64 = 1, method: String, metadata: [(String, String)] = [], payload: [UInt8] = []
    ) -> [UInt8] {
        request(callID: callID, method: Array(method.utf8), metadata: metadata.map { (Array($0.0.utf8), Array($0.1.utf8)) },
                payload: payload)
    }
}
