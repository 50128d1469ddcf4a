/// The secret text that names an activation code (RULES §5): unguessable, with a check symbol.
///
/// 21 random Crockford base32 symbols (105 bits of entropy) and one check symbol
/// (`CodeCheckSymbol`, which catches every single-symbol typo and every swap of two adjacent
/// symbols), shown as `HJ-XXXXX-XXXXX-XXXXX-XXXXX-XC` (groups of five, the last group holding
/// the 21st random symbol and the check).
///
/// A secret never prints itself: `description` is the masked form `HJ-…-XC`, safe for logs
/// and messages; `text` is the full form, for the customer and the store only.
public struct CodeSecret: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The prefix in front of every formatted secret.
    public static let prefix = "HJ"
    /// Random symbols in a secret.
    public static let randomSymbolCount = 21
    /// Random bits in a secret: 5 per symbol.
    public static let entropyBits = randomSymbolCount * 5
    /// Symbols in a secret, check included.
    public static let symbolCount = randomSymbolCount + 1

    /// The symbol values 0…31; the last one is the check.
    let values: [UInt8]

    /// A secret from random data values; the check is appended.
    init(randomValues: [UInt8]) {
        values = randomValues + [CodeCheckSymbol.compute(randomValues)]
    }

    /// A secret from all values, check included, already verified.
    init(verifiedValues: [UInt8]) {
        values = verifiedValues
    }

    /// A new secret from the system's cryptographic source.
    ///
    /// `SystemRandomNumberGenerator` reads the kernel's CSPRNG (`getrandom(2)` on Linux,
    /// `arc4random_buf` on Apple platforms), so the 105 bits are unguessable.
    public static func generate() -> CodeSecret {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new secret drawing from `generator`. Services pass the system generator; tests may
    /// pass a seeded one to be deterministic.
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> CodeSecret {
        CodeSecret(randomValues: (0..<randomSymbolCount).map { _ in UInt8.random(in: 0..<32, using: &generator) })
    }

    /// The 22 symbols without prefix or hyphens: the canonical key for storage and lookup.
    public var canonical: String {
        String(decoding: values.map { CrockfordBase32.asciiSymbols[Int($0 & 31)] }, as: UTF8.self)
    }

    /// The full form for people: `HJ-XXXXX-XXXXX-XXXXX-XXXXX-XC`.
    public var text: String {
        var bytes = Array(Self.prefix.utf8)
        bytes.reserveCapacity(bytes.count + values.count + values.count / 5 + 1)
        for (index, value) in values.enumerated() {
            if index % 5 == 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(CrockfordBase32.asciiSymbols[Int(value & 31)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The form for logs and messages, `HJ-…-XC`: only the last two symbols (one random symbol
    /// and the check), which reveal 5 of the 105 bits.
    public var masked: String {
        let last = values.suffix(2).map { CrockfordBase32.asciiSymbols[Int($0 & 31)] }
        return "\(Self.prefix)-…-" + String(decoding: last, as: UTF8.self)
    }

    /// The masked form: a secret interpolated into a log line does not leak.
    public var description: String { masked }

    /// `CodeSecret(HJ-…-XC)`.
    public var debugDescription: String { "CodeSecret(\(masked))" }

    /// Decodes the full text form, checking it.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try CodeSecret(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.domainError.message))
        }
    }

    /// Encodes the full text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
