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
