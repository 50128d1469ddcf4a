/// Writes protobuf's wire format by hand, for encodings the generated types cannot produce (a
/// field number or enum value this build does not know).
struct ProtoBytesWriter {
    private(set) var bytes: [UInt8] = []

    /// Appends a varint field.
    mutating func varint(_ number: UInt32, _ value: UInt64) {
        append(UInt64(number) << 3)
        append(value)
    }

    /// Appends a string field.
    mutating func string(_ number: UInt32, _ value: String) {
        lengthDelimited(number, Array(value.utf8))
    }

    /// Appends a sub-message field, written by `fill`.
    mutating func message(_ number: UInt32, _ fill: (inout ProtoBytesWriter) -> Void) {
        var inner = ProtoBytesWriter()
        fill(&inner)
        lengthDelimited(number, inner.bytes)
    }

    private mutating func lengthDelimited(_ number: UInt32, _ value: [UInt8]) {
        append(UInt64(number) << 3 | 2)
        append(UInt64(value.count))
        bytes += value
    }

    private mutating func append(_ varint: UInt64) {
        var value = varint
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}
