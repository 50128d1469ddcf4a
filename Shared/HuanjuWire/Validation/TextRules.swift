/// What every string a service accepts must be (proto/options.proto): valid UTF-8 without
/// NUL, control characters (C0, DEL, C1: so no terminal escape sequences), line or paragraph
/// separators, or bidirectional overrides and isolates — characters that truncate C strings,
/// forge log lines, or make a name display as something else.
///
/// Checked on the encoded bytes, before anything is decoded or stored.
public enum TextRules {
    /// Why a string is refused, and at which byte offset.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        case notUTF8(at: Int)
        case forbidden(Unicode.Scalar, at: Int)

        public var description: String {
            switch self {
            case .notUTF8(let offset):
                return "is not valid UTF-8 (at byte \(offset))"
            case .forbidden(let scalar, let offset) where scalar.value == 0:
                return "contains a NUL byte (at byte \(offset)); strings may not contain NUL"
            case .forbidden(let scalar, let offset):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                return "contains the character \(code) (at byte \(offset)); control characters, line separators and "
                    + "bidirectional overrides are not accepted"
            }
        }
    }

    /// Whether `scalar` may appear in a string a service accepts.
    public static func allows(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: false            // C0, DEL, C1
        case 0x2028, 0x2029: false                      // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069: false    // bidirectional embeddings, overrides, isolates
        default: true
        }
    }

    /// The first problem in `bytes`, or nil when they are an acceptable string.
    public static func firstProblem(in bytes: UnsafeRawBufferPointer) -> Problem? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead >= 0x20 && lead < 0x7F {   // printable ASCII: the common case
                index += 1
                continue
            }
            if lead < 0x80 { return .forbidden(Unicode.Scalar(lead), at: index) }
            guard let (scalar, length) = decodeMultiByte(bytes, at: index) else { return .notUTF8(at: index) }
            if !allows(scalar) { return .forbidden(scalar, at: index) }
            index += length
        }
        return nil
    }

    /// Whether `text` is an acceptable string.
    public static func firstProblem(in text: String) -> Problem? {
        var text = text
        return text.withUTF8 { firstProblem(in: UnsafeRawBufferPointer($0)) }
    }

    /// The scalar starting at `index` (a lead byte ≥ 0x80) and its length, or nil when the
    /// bytes are not the shortest UTF-8 form of a scalar.
    private static func decodeMultiByte(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = UInt32(bytes[index])
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = lead & 0x1F
        case 0xE0...0xEF: length = 3; value = lead & 0x0F
        case 0xF0...0xF4: length = 4; value = lead & 0x07
        default: return nil   // a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = UInt32(bytes[index + offset])
            guard byte & 0xC0 == 0x80 else { return nil }
            value = (value << 6) | (byte & 0x3F)
        }
        let shortest: Bool
        switch length {
        case 3: shortest = value >= 0x800
        case 4: shortest = value >= 0x10000 && value <= 0x10FFFF
        default: shortest = true
        }
        guard shortest, let scalar = Unicode.Scalar(value) else { return nil }   // Unicode.Scalar refuses surrogates
        return (scalar, length)
    }
}
