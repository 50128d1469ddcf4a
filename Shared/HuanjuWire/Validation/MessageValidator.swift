import CProtobufC

/// Checks an encoded message against `proto/`'s rules before it is decoded: every string is
/// acceptable text (`TextRules`) within its field's `max_bytes`, every repeated field within
/// its `max_items`, in the message and in every message nested in it. Working on the bytes
/// matters: protobuf-c's decoder ends a string at its first NUL, so `"A\0evil"` would
/// otherwise silently become `"A"`.
///
/// Structure the decoder would refuse anyway (a truncated field, a wire type protobuf-c does
/// not read) is reported as undecodable. Unknown fields are skipped, as protobuf requires.
public enum MessageValidator {
    /// Why a message was refused: the field's path from the top message (`metadata[1].value`)
    /// and what is wrong, in words for the caller. Never quotes the offending value.
    public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
        /// Empty when the bytes are not a valid encoding at all.
        public let fieldPath: String
        public let reason: String

        public var description: String {
            fieldPath.isEmpty ? reason : "field \(fieldPath) \(reason)"
        }
    }

    /// The deepest nesting checked; deeper messages are refused.
    static let maxDepth = 32

    /// Checks `bytes` as an encoding of `descriptor`'s message.
    public static func validate(_ bytes: UnsafeRawBufferPointer, as descriptor: MessageDescriptor) throws(Violation) {
        try validate(bytes, as: descriptor, depth: 0)
    }

    /// Checks `bytes` as an encoding of `descriptor`'s message.
    public static func validate(_ bytes: [UInt8], as descriptor: MessageDescriptor) throws(Violation) {
        let problem: Violation? = bytes.withUnsafeBytes { raw in
            do throws(Violation) {
                try validate(raw, as: descriptor, depth: 0)
                return nil
            } catch {
                return error
            }
        }
        if let problem { throw problem }
    }

    /// Walks one message. Field paths are built only for a violation (a nested message's
    /// violation gets its parent's field prefixed on the way out), so a valid message costs
    /// no string at all; element counts of repeated fields live on the stack.
    private static func validate(_ bytes: UnsafeRawBufferPointer, as descriptor: MessageDescriptor, depth: Int) throws(Violation) {
        let table = descriptor.table
        let problem: Violation? = withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, table.repeatedCount)) { counts in
            counts.initialize(repeating: 0)
            do throws(Violation) {
                try walk(bytes, table, descriptor, depth: depth, counts: counts)
                return nil
            } catch {
                return error
            }
        }
        if let problem { throw problem }
    }

    private static func walk(
        _ bytes: UnsafeRawBufferPointer, _ table: FieldTable, _ descriptor: MessageDescriptor, depth: Int,
        counts: UnsafeMutableBufferPointer<Int>
    ) throws(Violation) {
        var reader = WireReader(bytes: bytes)
        while !reader.isAtEnd {
            guard let key = reader.readVarint(), key >> 3 > 0, key >> 3 <= UInt64(UInt32.max) else {
                throw undecodable(descriptor)
            }
            let field = table.field(number: UInt32(key >> 3))
            switch key & 7 {
            case 0:
                guard reader.readVarint() != nil else { throw undecodable(descriptor) }
                if let field { try count(field, counts) }
            case 1:
                guard reader.skip(8) else { throw undecodable(descriptor) }
                if let field { try count(field, counts) }
            case 5:
                guard reader.skip(4) else { throw undecodable(descriptor) }
                if let field { try count(field, counts) }
            case 2:
                guard let body = reader.readLengthDelimited() else { throw undecodable(descriptor) }
                guard let field else { continue }   // an unknown field: skipped
                try check(body, field, table, descriptor, depth: depth, counts: counts)
            default:
                throw undecodable(descriptor)
            }
        }
    }

    /// Checks one length-delimited value of a known field.
    private static func check(
        _ body: UnsafeRawBufferPointer, _ field: FieldTable.Field, _ table: FieldTable, _ descriptor: MessageDescriptor,
        depth: Int, counts: UnsafeMutableBufferPointer<Int>
    ) throws(Violation) {
        switch field.kind {
        case .string:
            if field.maxBytes > 0, body.count > field.maxBytes {
                throw Violation(fieldPath: path(of: field, counts),
                                reason: "is \(body.count) bytes long; at most \(field.maxBytes) bytes of UTF-8 are accepted")
            }
            if let problem = TextRules.firstProblem(in: body) {
                throw Violation(fieldPath: path(of: field, counts), reason: problem.description)
            }
        case .bytes:
            if field.maxBytes > 0, body.count > field.maxBytes {
                throw Violation(fieldPath: path(of: field, counts),
                                reason: "is \(body.count) bytes long; at most \(field.maxBytes) are accepted")
            }
        case .message:
            guard depth + 1 < maxDepth else {
                throw Violation(fieldPath: path(of: field, counts), reason: "nests messages more than \(maxDepth) deep")
            }
            do {
                try validate(body, as: table.nested(field), depth: depth + 1)
            } catch where !error.fieldPath.isEmpty {
                throw Violation(fieldPath: "\(path(of: field, counts)).\(error.fieldPath)", reason: error.reason)
            }   // bytes that are not a message at all stay "undecodable", whatever the depth
        case .packed(let width):
            var packed = WireReader(bytes: body)
            while !packed.isAtEnd {
                guard width == 0 ? packed.readVarint() != nil : packed.skip(width) else { throw undecodable(descriptor) }
                try count(field, counts)
            }
            return
        case .scalar:
            throw undecodable(descriptor)   // a length-delimited value for a field that cannot hold one
        }
        try count(field, counts)
    }

    /// Counts one element of a repeated field against its `max_items`.
    private static func count(_ field: FieldTable.Field, _ counts: UnsafeMutableBufferPointer<Int>) throws(Violation) {
        guard field.repeatedSlot >= 0 else { return }
        counts[field.repeatedSlot] += 1
        if field.maxItems > 0, counts[field.repeatedSlot] > field.maxItems {
            throw Violation(fieldPath: name(of: field),
                            reason: "has more than \(field.maxItems) elements; at most \(field.maxItems) are accepted")
        }
    }

    /// The field's name, with the index of the element being read for a repeated field.
    private static func path(of field: FieldTable.Field, _ counts: UnsafeMutableBufferPointer<Int>) -> String {
        field.repeatedSlot >= 0 ? "\(name(of: field))[\(counts[field.repeatedSlot])]" : name(of: field)
    }

    private static func name(of field: FieldTable.Field) -> String {
        String(cString: field.pointer.pointee.name)
    }

    private static func undecodable(_ descriptor: MessageDescriptor) -> Violation {
        Violation(fieldPath: "", reason: "the bytes are not a valid \(descriptor.fullName) message")
    }
}

/// Reads protobuf's wire format: varints and length-delimited values, never past the end.
struct WireReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The next varint (at most 10 bytes), or nil when it is truncated or too long.
    mutating func readVarint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    /// Skips `count` bytes; false when fewer remain.
    mutating func skip(_ count: Int) -> Bool {
        guard bytes.count - offset >= count else { return false }
        offset += count
        return true
    }

    /// The next length-delimited value, or nil when it is truncated.
    mutating func readLengthDelimited() -> UnsafeRawBufferPointer? {
        guard let length = readVarint(), length <= UInt64(bytes.count - offset) else { return nil }
        let start = offset
        offset += Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
    }
}
