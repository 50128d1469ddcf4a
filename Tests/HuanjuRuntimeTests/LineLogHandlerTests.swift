import HuanjuRuntime
import Testing

/// Log values are escaped: whatever a client sends, one event is one line.
@Suite struct LineLogHandlerTests {
    @Test func plainValuesAreWrittenAsTheyAre() {
        #expect(LineLogHandler.escaped("acc_7Q3K9M2XH4TDW8RB") == "acc_7Q3K9M2XH4TDW8RB")
        #expect(LineLogHandler.escaped("huanju.billing.v1.Billing/GetAccount") == "huanju.billing.v1.Billing/GetAccount")
        #expect(LineLogHandler.escaped("欢聚") == "欢聚")
    }

    @Test func aValueThatCouldForgeALineOrRewriteTheTerminalIsQuotedAndEscaped() {
        #expect(LineLogHandler.escaped("a\nb") == "\"a\\nb\"")
        #expect(LineLogHandler.escaped("a\r\nb") == "\"a\\r\\nb\"")
        #expect(LineLogHandler.escaped("\u{1B}[2J") == "\"\\u{1B}[2J\"")
        #expect(LineLogHandler.escaped("x\u{2028}y") == "\"x\\u{2028}y\"")
        #expect(LineLogHandler.escaped("evil\u{202E}txt") == "\"evil\\u{202E}txt\"")
        #expect(LineLogHandler.escaped("key=value") == "\"key=value\"")
        #expect(LineLogHandler.escaped("say \"hi\"") == "\"say \\\"hi\\\"\"")
        #expect(LineLogHandler.escaped("back\\slash") == "\"back\\\\slash\"")
        #expect(LineLogHandler.escaped("") == "\"\"")
        // Whatever the input, the output has no line break
        for value in ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"] {
            #expect(!LineLogHandler.escaped("a\(value)b").unicodeScalars.contains { $0.properties.isWhitespace && $0 != " " })
        }
    }
}

/// SHA-256 and HMAC-SHA256 from the system's libcrypto, against published test vectors.
@Suite struct DigestTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(Digest.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hmacSHA256MatchesRFC4231() {
        // RFC 4231, test case 2
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Digest.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func comparisonIsExactWhateverTheLengths() {
        #expect(Digest.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(Digest.constantTimeEquals([], []))
    }
}
