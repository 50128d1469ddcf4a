import HuanjuDomain

/// A validated viewer id, parsed once per call before any lock is taken.
///
/// Ids shaped like WeChat's `wx_` + 16 lowercase hex digits are kept as their 64-bit value (no
/// string is stored for them); any other valid id is interned once per room.
enum ViewerID: Sendable, Hashable, CustomStringConvertible {
    /// `wx_` + 16 lowercase hex digits, as the value of the hex digits.
    case compact(UInt64)
    /// Any other valid id.
    case other(String)

    /// Parses and checks a viewer id from the wire.
    ///
    /// - Throws: `invalidArgument` for an empty id, one longer than 128 bytes, or one with a
    ///   control character.
    init(validating text: String) throws(DomainError) {
        var native = text
        let parsed: Result<UInt64?, DomainError> = native.withUTF8 { bytes in
            do throws(DomainError) {
                try IdentifierText.check(bytes, name: "viewer id")
                return .success(Self.compactValue(bytes))
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .success(let value?): self = .compact(value)
        case .success(nil): self = .other(text)
        case .failure(let error): throw error
        }
    }

    /// The id as the viewer sent it.
    var description: String {
        switch self {
        case .compact(let value): Self.format(value)
        case .other(let text): text
        }
    }

    /// The length of a `wx_<16 hex>` id.
    static let compactLength = 19

    /// `wx_` followed by the 16 lowercase hex digits of `value`.
    static func format(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: compactLength) { buffer in
            spell(value, into: buffer)
            return compactLength
        }
    }

    /// Writes `wx_` and the 16 lowercase hex digits of `value` into the first
    /// `compactLength` bytes of `buffer`.
    static func spell(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        buffer[0] = UInt8(ascii: "w")
        buffer[1] = UInt8(ascii: "x")
        buffer[2] = UInt8(ascii: "_")
        for index in 0..<16 {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xF
            buffer[3 + index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
    }

    /// The value of `wx_<16 lowercase hex>`, or nil for any other shape (uppercase hex is kept
    /// as text, so that every id reads back exactly as it was sent).
    private static func compactValue(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count == 19, bytes[0] == UInt8(ascii: "w"), bytes[1] == UInt8(ascii: "x"),
              bytes[2] == UInt8(ascii: "_") else { return nil }
        var value: UInt64 = 0
        for byte in bytes[3...] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
