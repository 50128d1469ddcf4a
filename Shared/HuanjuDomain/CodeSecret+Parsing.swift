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
}
