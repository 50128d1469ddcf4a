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
        try validate(bytes, as: descriptor, path: "", depth: 0)
    }

    /// Checks `bytes` as an encoding of `descriptor`'s message.
    public static func validate(_ bytes: [UInt8], as descriptor: MessageDescriptor) throws(Violation) {
        let problem: Violation? = bytes.withUnsafeBytes { raw in
            do throws(Violation) {
                try validate(raw, as: descriptor, path: "", depth: 0)
                return nil
            } catch {
                return error
            }
        }
        if let problem { throw problem }
    }

    private static func validate(
        _ bytes: UnsafeRawBufferPointer, as descriptor: MessageDescriptor, path: String, depth: Int
    ) throws(Violation) {
        guard depth < maxDepth else {
            throw Violation(fieldPath: path, reason: "nests messages more than \(maxDepth) deep")
        }
        let messageName = descriptor.fullName
        var reader = WireReader(bytes: bytes)
        var counts: [UInt32: Int] = [:]
        while !reader.isAtEnd {
            guard let key = reader.readVarint(), key >> 3 > 0, key >> 3 <= UInt64(UInt32.max) else {
                throw undecodable(messageName)
            }
            let number = UInt32(key >> 3)
            let wireType = key & 7
            let field = descriptor.field(number: number)
            switch wireType {
            case 0:
                guard reader.readVarint() != nil else { throw undecodable(messageName) }
                try count(field, number: number, in: messageName, path: path, counts: &counts)
            case 1, 5:
                guard reader.skip(wireType == 1 ? 8 : 4) else { throw undecodable(messageName) }
                try count(field, number: number, in: messageName, path: path, counts: &counts)
            case 2:
                guard let body = reader.readLengthDelimited() else { throw undecodable(messageName) }
                guard let field else { continue }   // an unknown field: skipped
                try check(body, field: field, number: number, in: messageName, path: path, depth: depth, counts: &counts)
            default:
                throw undecodable(messageName)
            }
        }
    }

    /// Checks one length-delimited value of a known field.
    private static func check(
        _ body: UnsafeRawBufferPointer, field: UnsafePointer<ProtobufCFieldDescriptor>, number: UInt32,
        in messageName: String, path: String, depth: Int, counts: inout [UInt32: Int]
    ) throws(Violation) {
        let descriptor = field.pointee
        let rules = FieldRules.of(message: messageName, field: number)
        let index = counts[number, default: 0]
        let fieldPath = self.path(path, field, index: descriptor.label == PROTOBUF_C_LABEL_REPEATED ? index : nil)
        switch descriptor.type {
        case PROTOBUF_C_TYPE_STRING:
            if let limit = rules?.maxBytes, limit > 0, body.count > limit {
                throw Violation(fieldPath: fieldPath, reason: "is \(body.count) bytes long; at most \(limit) bytes of UTF-8 are accepted")
            }
            if let problem = TextRules.firstProblem(in: body) {
                throw Violation(fieldPath: fieldPath, reason: problem.description)
            }
            try count(field, number: number, in: messageName, path: path, counts: &counts)
        case PROTOBUF_C_TYPE_BYTES:
            if let limit = rules?.maxBytes, limit > 0, body.count > limit {
                throw Violation(fieldPath: fieldPath, reason: "is \(body.count) bytes long; at most \(limit) are accepted")
            }
            try count(field, number: number, in: messageName, path: path, counts: &counts)
        case PROTOBUF_C_TYPE_MESSAGE:
            guard let raw = descriptor.descriptor else { throw undecodable(messageName) }
            let nested = MessageDescriptor.at(raw.assumingMemoryBound(to: ProtobufCMessageDescriptor.self))
            try validate(body, as: nested, path: fieldPath, depth: depth + 1)
            try count(field, number: number, in: messageName, path: path, counts: &counts)
        default:
            // A packed repeated scalar: count its elements.
            guard descriptor.label == PROTOBUF_C_LABEL_REPEATED else { throw undecodable(messageName) }
            var packed = WireReader(bytes: body)
            while !packed.isAtEnd {
                let ok: Bool
                switch descriptor.type {
                case PROTOBUF_C_TYPE_FIXED64, PROTOBUF_C_TYPE_SFIXED64, PROTOBUF_C_TYPE_DOUBLE: ok = packed.skip(8)
                case PROTOBUF_C_TYPE_FIXED32, PROTOBUF_C_TYPE_SFIXED32, PROTOBUF_C_TYPE_FLOAT: ok = packed.skip(4)
                default: ok = packed.readVarint() != nil
                }
                guard ok else { throw undecodable(messageName) }
                try count(field, number: number, in: messageName, path: path, counts: &counts)
            }
        }
    }

    /// Counts one element of a repeated field against its `max_items`.
    private static func count(
        _ field: UnsafePointer<ProtobufCFieldDescriptor>?, number: UInt32, in messageName: String, path: String,
        counts: inout [UInt32: Int]
    ) throws(Violation) {
        guard let field, field.pointee.label == PROTOBUF_C_LABEL_REPEATED else { return }
        let seen = counts[number, default: 0] + 1
        counts[number] = seen
        if let limit = FieldRules.of(message: messageName, field: number)?.maxItems, limit > 0, seen > limit {
            throw Violation(fieldPath: self.path(path, field, index: nil),
                            reason: "has more than \(limit) elements; at most \(limit) are accepted")
        }
    }

    private static func path(_ parent: String, _ field: UnsafePointer<ProtobufCFieldDescriptor>, index: Int?) -> String {
        let name = String(cString: field.pointee.name)
        let own = index.map { "\(name)[\($0)]" } ?? name
        return parent.isEmpty ? own : "\(parent).\(own)"
    }

    private static func undecodable(_ messageName: String) -> Violation {
        Violation(fieldPath: "", reason: "the bytes are not a valid \(messageName) message")
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
