extension CodeSecret {
    /// Why typed text is not a code secret.
    public enum ParseError: Error, Sendable, Hashable {
        /// Not shaped like a code: wrong length, or a character that is never in a code.
        case malformed(reason: String)
        /// Shaped like a code, but the check symbol disagrees: a typo.
        case checkFailed

        /// The error to send: `invalidArgument`, saying which of the two happened.
        public var domainError: DomainError {
            switch self {
            case .malformed(let reason):
                .invalidArgument(
                    "not an activation code: \(reason); a code looks like HJ-XXXXX-XXXXX-XXXXX-XXXXX-XX")
            case .checkFailed:
                .invalidArgument(
                    "the activation code contains a typo (its check symbol does not match); compare it with the code "
                        + "you received and type it again")
            }
        }
    }

    /// Reads a secret as people type it.
    ///
    /// Case, spaces and hyphens are ignored, I and L read as 1 and O as 0; the `HJ` prefix is
    /// optional. A well-formed secret with a wrong check symbol is a typo (`checkFailed`); a
    /// secret that passes may still be unknown to the store (that is the service's "wrong code").
    ///
    /// - Throws: `ParseError.malformed` or `ParseError.checkFailed`.
    public init(parsing input: String) throws(ParseError) {
        if let values = Self.asciiValues(input) {
            guard CodeCheckSymbol.compute(values.dropLast()) == values[values.count - 1] else { throw .checkFailed }
            self.init(verifiedValues: values)
            return
        }
        var characters: [Character] = []
        for character in input where !(character == "-" || character.isWhitespace) {
            guard character.isASCII else {
                throw .malformed(reason: "it contains \"\(character)\", which is never part of a code")
            }
            characters.append(Character(character.uppercased()))
        }
        let prefix = Array(Self.prefix)
        if characters.count == Self.symbolCount + prefix.count, Array(characters.prefix(prefix.count)) == prefix {
            characters.removeFirst(prefix.count)
        }
        guard characters.count == Self.symbolCount else {
            throw .malformed(
                reason: "it has \(characters.count) symbols after the HJ prefix, and a code has \(Self.symbolCount)")
        }
        var values: [UInt8] = []
        values.reserveCapacity(characters.count)
        for character in characters {
            guard let value = CrockfordBase32.value(of: character) else {
                throw .malformed(reason: "it contains \"\(character)\", which is never part of a code")
            }
            values.append(value)
        }
        guard CodeCheckSymbol.compute(values.dropLast()) == values[values.count - 1] else {
            throw .checkFailed
        }
        self.init(verifiedValues: values)
    }

    /// The symbols' values of `input` when it is plain ASCII in the usual shape (what every
    /// stored code and nearly every typed one is), read byte by byte; nil for anything the
    /// general reader above must decide (non-ASCII, wrong length, a character not in a code).
    private static func asciiValues(_ input: String) -> [UInt8]? {
        var input = input
        return input.withUTF8 { bytes -> [UInt8]? in
            var values: [UInt8] = []
            values.reserveCapacity(symbolCount + 2)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "-"), UInt8(ascii: " "), 0x09...0x0D: continue
                case 0x80...: return nil
                default:
                    values.append(byte)
                }
            }
            // The optional "HJ" prefix (any case)
            if values.count == symbolCount + 2, values[0] | 0x20 == UInt8(ascii: "h"), values[1] | 0x20 == UInt8(ascii: "j") {
                values.removeFirst(2)
            }
            guard values.count == symbolCount else { return nil }
            for index in values.indices {
                guard let value = CrockfordBase32.value(ofASCII: values[index]) else { return nil }
                values[index] = value
            }
            return values
        }
    }
}
