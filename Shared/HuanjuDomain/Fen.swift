/// An amount of money in fen (1 CNY = 100 fen), currency CNY; never floating point (RULES §3).
///
/// Arithmetic that could overflow is checked and throws. Encoded as a bare integer.
public struct Fen: Sendable, Hashable, Comparable, Codable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The amount in fen.
    public var rawValue: Int64

    /// An amount of `rawValue` fen.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// An amount written as a fen literal: `let fee: Fen = 14_000_000`.
    public init(integerLiteral value: Int64) {
        self.rawValue = value
    }

    /// Whole yuan as fen: `Fen.yuan(140_000)` is 14,000,000 fen.
    public static func yuan(_ yuan: Int64) -> Fen { Fen(yuan * 100) }

    /// Nothing.
    public static let zero: Fen = 0

    /// The sum, or `outOfRange` if it does not fit.
    public func adding(_ other: Fen) throws(DomainError) -> Fen {
        let (sum, overflow) = rawValue.addingReportingOverflow(other.rawValue)
        guard !overflow else { throw .outOfRange("amount \(self) + \(other) is too large to represent") }
        return Fen(sum)
    }

    /// The product with a count, or `outOfRange` if it does not fit.
    public func multiplied(by count: Int) throws(DomainError) -> Fen {
        let (product, overflow) = rawValue.multipliedReportingOverflow(by: Int64(count))
        guard !overflow else { throw .outOfRange("amount \(self) × \(count) is too large to represent") }
        return Fen(product)
    }

    /// Orders amounts.
    public static func < (lhs: Fen, rhs: Fen) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `140,000.00 CNY`.
    public var description: String {
        let magnitude = rawValue.magnitude
        let cents = magnitude % 100
        return (rawValue < 0 ? "-" : "") + Self.grouped(magnitude / 100) + "." + (cents < 10 ? "0" : "") + "\(cents) CNY"
    }

    /// A non-negative integer with comma thousands separators: `30000` → `30,000`.
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// Decodes a bare integer of fen.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes a bare integer of fen.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Int {
    /// This count with comma thousands separators, for messages: `30,000`.
    public var grouped: String { (self < 0 ? "-" : "") + Fen.grouped(UInt64(magnitude)) }
}
