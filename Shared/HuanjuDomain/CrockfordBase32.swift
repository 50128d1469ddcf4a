/// Douglas Crockford's base32 alphabet: digits and capitals without I, L, O and U.
///
/// Reading is forgiving as Crockford specifies: lower case is accepted, I and L read as 1,
/// O reads as 0. U is not a symbol.
enum CrockfordBase32 {
    /// The 32 symbols, by value.
    static let symbols: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The symbol for a value 0…31.
    static func symbol(_ value: UInt8) -> Character {
        symbols[Int(value & 31)]
    }

    /// The symbols as ASCII bytes, by value.
    static let asciiSymbols: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The value of a symbol, after Crockford's normalization; nil if it is not one.
    static func value(of character: Character) -> UInt8? {
        guard let ascii = character.asciiValue else { return nil }
        return value(ofASCII: ascii)
    }

    /// The value of the ASCII byte `ascii` as a symbol, after Crockford's normalization.
    static func value(ofASCII ascii: UInt8) -> UInt8? {
        guard ascii < 0x80 else { return nil }
        var upper = ascii >= 0x61 && ascii <= 0x7A ? ascii - 0x20 : ascii
        switch upper {
        case UInt8(ascii: "I"), UInt8(ascii: "L"): upper = UInt8(ascii: "1")
        case UInt8(ascii: "O"): upper = UInt8(ascii: "0")
        default: break
        }
        return table[Int(upper)]
    }

    /// ASCII code → value, for the 32 canonical symbols.
    private static let table: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 128)
        for (value, symbol) in symbols.enumerated() {
            if let ascii = symbol.asciiValue { table[Int(ascii)] = UInt8(value) }
        }
        return table
    }()
}
