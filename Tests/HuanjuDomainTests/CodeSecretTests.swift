import HuanjuDomain
import Testing

@Suite("RULES §5 — code secrets")
struct CodeSecretTests {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Reproducible sample secrets.
    static func samples(_ count: Int) -> [CodeSecret] {
        var generator = SeededGenerator(seed: 2020)
        return (0..<count).map { _ in CodeSecret.generate(using: &generator) }
    }

    /// Why `text` does not parse; nil if it does.
    static func failure(_ text: String) -> CodeSecret.ParseError? {
        do {
            _ = try CodeSecret(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func generatedSecretsCarryAtLeastOneHundredRandomBits() {
        // Given the secret format
        // Then 21 random symbols of 5 bits each = 105 bits, plus one check symbol
        #expect(CodeSecret.randomSymbolCount * 5 >= 100)
        #expect(CodeSecret.entropyBits == 105)
        // When 2,000 secrets come from the system's generator
        let secrets = (0..<2_000).map { _ in CodeSecret.generate() }
        // Then all are distinct, 22 symbols long, and every position takes (nearly) every symbol
        #expect(Set(secrets).count == secrets.count)
        for position in 0..<CodeSecret.symbolCount {
            let seen = Set(secrets.map { Array($0.canonical)[position] })
            #expect(seen.count >= 30, "position \(position) saw only \(seen.count) symbols")
        }
        #expect(secrets.allSatisfy { $0.canonical.count == 22 })
    }

    @Test func secretsAreWrittenInCrockfordBase32WithThePrefixInGroupsOfFive() {
        // Given generated secrets
        for secret in Self.samples(50) {
            // When written out / Then HJ- and groups of five, with no I, L, O or U
            let groups = secret.text.split(separator: "-").map(String.init)
            #expect(groups.first == "HJ")
            #expect(groups.dropFirst().map(\.count) == [5, 5, 5, 5, 2])
            #expect(secret.canonical.allSatisfy { Self.alphabet.contains($0) })
            #expect(groups.dropFirst().joined() == secret.canonical)
        }
    }

    @Test func generationIsDeterministicWithASeededGenerator() {
        // Given two generators with the same seed and one with another
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        var other = SeededGenerator(seed: 8)
        // When each generates a secret / Then equal seeds give equal secrets
        let secret = CodeSecret.generate(using: &first)
        #expect(secret == CodeSecret.generate(using: &second))
        #expect(secret != CodeSecret.generate(using: &other))
    }

    @Test func typedSecretsAreNormalized() throws {
        // Given a secret holding both a 1 and a 0, and sloppy ways of typing it
        let secret = try #require(Self.samples(100).first { $0.canonical.contains("1") && $0.canonical.contains("0") })
        let canonical = secret.canonical
        // When parsed / Then lower case, spaces, hyphens and a missing prefix are accepted
        #expect(try CodeSecret(parsing: secret.text) == secret)
        #expect(try CodeSecret(parsing: secret.text.lowercased()) == secret)
        #expect(try CodeSecret(parsing: " hj " + canonical.map { "\($0) " }.joined()) == secret)
        #expect(try CodeSecret(parsing: canonical) == secret)
        // And look-alike letters read as digits: I and L as 1, O as 0
        let withLookalikes = String(canonical.map { $0 == "1" ? "l" : $0 == "0" ? "O" : $0 })
        #expect(try CodeSecret(parsing: withLookalikes) == secret)
        #expect(try CodeSecret(parsing: canonical.replacingOnes(with: "I")) == secret)
    }

    @Test func checkSymbolCatchesEverySingleSubstitution() {
        // Given sample secrets
        var missed: [String] = []
        for secret in Self.samples(60) {
            let symbols = Array(secret.canonical)
            // When any one symbol (the check included) is replaced by any other symbol
            for position in symbols.indices {
                for replacement in Self.alphabet where replacement != symbols[position] {
                    var typo = symbols
                    typo[position] = replacement
                    // Then the text is well formed but fails the check
                    if Self.failure(String(typo)) != .checkFailed { missed.append(String(typo)) }
                }
            }
        }
        #expect(missed.isEmpty)
    }

    @Test func checkSymbolCatchesEveryAdjacentTransposition() {
        // Given sample secrets
        var tried = 0
        var missed: [String] = []
        for secret in Self.samples(300) {
            let symbols = Array(secret.canonical)
            // When any two different adjacent symbols are swapped (across groups and with the check too)
            for position in 0..<(symbols.count - 1) where symbols[position] != symbols[position + 1] {
                var typo = symbols
                typo.swapAt(position, position + 1)
                tried += 1
                // Then the check fails
                if Self.failure(String(typo)) != .checkFailed { missed.append(String(typo)) }
            }
        }
        #expect(missed.isEmpty)
        #expect(tried > 6_000)
    }

    @Test func malformedTextIsToldApartFromATypo() {
        // Given a secret
        let secret = Self.samples(1)[0]
        // When it is too short, too long, has a U or a foreign character / Then it is malformed
        let cases = [String(secret.canonical.dropLast()), secret.canonical + "0", "U" + secret.canonical.dropFirst(),
                     "*" + secret.canonical.dropFirst(), "é" + secret.canonical.dropFirst(), "", "XX-" + secret.canonical]
        for text in cases {
            #expect {
                try CodeSecret(parsing: text)
            } throws: { error in
                guard case .malformed = error as? CodeSecret.ParseError else { return false }
                return true
            }
        }
        // And the two map to distinct invalid-argument messages
        #expect(CodeSecret.ParseError.checkFailed.domainError.code == .invalidArgument)
        #expect(CodeSecret.ParseError.checkFailed.domainError.message.contains("typo"))
        #expect(CodeSecret.ParseError.malformed(reason: "x").domainError.message.contains("not an activation code"))
    }

    @Test func secretsAreMaskedInLogs() {
        // Given a secret
        let secret = Self.samples(1)[0]
        // When interpolated or masked / Then only the prefix and the last two symbols show
        #expect(secret.masked == "HJ-…-" + secret.canonical.suffix(2))
        #expect("\(secret)" == secret.masked)
        #expect(!String(reflecting: secret).contains(secret.canonical.prefix(5)))
    }
}

extension String {
    /// This text with every "1" replaced.
    fileprivate func replacingOnes(with replacement: Character) -> String {
        String(map { $0 == "1" ? replacement : $0 })
    }
}
