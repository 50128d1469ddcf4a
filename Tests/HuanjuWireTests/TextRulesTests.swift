import HuanjuWire
import NIOCore
import Testing

/// Every string a service accepts: valid UTF-8, no NUL, control, separator or bidi-override
/// characters (proto/options.proto).
@Suite struct TextRulesTests {
    private func problem(_ bytes: [UInt8]) -> TextRules.Problem? {
        bytes.withUnsafeBytes { TextRules.firstProblem(in: $0) }
    }

    @Test func printableTextInAnyScriptIsAccepted() {
        for text in ["acc_7Q3K9M2XH4TDW8RB", "欢聚科技有限公司", "Zoë & Jürgen", "👩‍👩‍👧 family", "a\u{301}", "", "ﾀﾞ"] {
            #expect(TextRules.firstProblem(in: text) == nil, "\(text)")
        }
    }

    @Test func aNULByteIsRefusedWhereverItIs() {
        #expect(problem(Array("abc\0def".utf8)) == .forbidden("\0", at: 3))
        #expect(problem([0]) == .forbidden("\0", at: 0))
        #expect(problem(Array("K\0first".utf8))?.description.contains("NUL") == true)
    }

    @Test func controlCharactersAndEscapeSequencesAreRefused() {
        #expect(problem(Array("line\nforged".utf8)) == .forbidden("\n", at: 4))
        #expect(problem(Array("\u{1B}[2J".utf8)) == .forbidden("\u{1B}", at: 0))
        #expect(problem(Array("del\u{7F}".utf8)) == .forbidden("\u{7F}", at: 3))
        #expect(problem(Array("c1\u{9B}".utf8)) == .forbidden("\u{9B}", at: 2))   // C1 CSI, encoded C2 9B
        #expect(problem(Array("tab\there".utf8)) == .forbidden("\t", at: 3))
    }

    @Test func separatorsAndBidirectionalOverridesAreRefused() {
        #expect(problem(Array("a\u{2028}b".utf8)) == .forbidden("\u{2028}", at: 1))
        #expect(problem(Array("a\u{2029}b".utf8)) == .forbidden("\u{2029}", at: 1))
        #expect(problem(Array("invoice\u{202E}fdp.exe".utf8)) == .forbidden("\u{202E}", at: 7))
        #expect(problem(Array("\u{2066}x".utf8)) == .forbidden("\u{2066}", at: 0))
    }

    @Test func invalidUTF8IsRefusedAtItsFirstBadByte() {
        #expect(problem([0x41, 0xC3, 0x28]) == .notUTF8(at: 1))          // a lead byte without its continuation
        #expect(problem([0xC0, 0x80]) == .notUTF8(at: 0))                // overlong NUL
        #expect(problem([0xE0, 0x80, 0x80]) == .notUTF8(at: 0))          // overlong three-byte form
        #expect(problem([0xED, 0xA0, 0x80]) == .notUTF8(at: 0))          // a UTF-16 surrogate
        #expect(problem([0xF4, 0x90, 0x80, 0x80]) == .notUTF8(at: 0))    // beyond U+10FFFF
        #expect(problem([0x80]) == .notUTF8(at: 0))                      // a lone continuation byte
        #expect(problem([0xE6, 0xAC]) == .notUTF8(at: 0))                // truncated
    }
}

/// Health reports NOT_SERVING once the storage has not answered for `storageStaleAfter`.
@Suite struct HealthStatusTests {
    @Test func storageThatStopsAnsweringTurnsHealthNotServing() {
        let health = HealthStatus(serving: true, storageStaleAfter: .seconds(5))
        let answered = NIODeadline.uptimeNanoseconds(1_000_000_000_000)
        // Given no storage watched, health is what the server says
        #expect(health.storageAnswersInTime(now: answered + .hours(1)))
        // When the storage answered at t
        health.storageAnswered(at: answered)
        // Then it answers in time until t + 5 s, and not after
        #expect(health.storageAnswersInTime(now: answered + .seconds(5)))
        #expect(!health.storageAnswersInTime(now: answered + .seconds(5) + .nanoseconds(1)))
    }

    @Test func aShutdownIsNotServingWhateverTheStorage() {
        let health = HealthStatus(serving: true)
        health.storageAnswered()
        #expect(health.isServing)
        health.set(serving: false)
        #expect(!health.isServing)
    }
}

/// What a refusal quotes of a caller's input: a short prefix.
@Suite struct ExcerptTests {
    @Test func longInputIsCutShort() {
        #expect(Excerpt.of("short") == "short")
        #expect(Excerpt.of(String(repeating: "x", count: 100), limit: 10) == "xxxxxxxxxx…")
        #expect(Excerpt.of("a" + String(repeating: "\u{301}", count: 100), limit: 3) == "a\u{301}\u{301}…")
    }
}
