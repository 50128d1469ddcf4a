@testable import huanjuctl
import Testing

/// huanjuctl's tables are measured in terminal columns (`DisplayWidth`), not characters: a
/// Chinese account name takes two columns a character, and the columns after it still line up.
/// A unit test of the executable's own code (`@testable import huanjuctl`), with no service.
@Suite struct HuanjuctlDisplayWidthTests {
    @Test func givenLatinTextWhenMeasuredThenEachCharacterTakesOneColumn() {
        #expect(DisplayWidth.of("Acme Live Co.") == 13)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test func givenEastAsianWideOrFullwidthTextWhenMeasuredThenEachCharacterTakesTwoColumns() {
        // Given CJK ideographs, CJK punctuation, Hiragana, Katakana, Hangul and fullwidth forms
        // Then each character takes two columns
        #expect(DisplayWidth.of("欢聚科技有限公司") == 16)
        #expect(DisplayWidth.of("欢聚（北京）。") == 14)
        #expect(DisplayWidth.of("ひらがなカタカナ") == 16)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("ＡＢＣ１２３") == 12)
        #expect(DisplayWidth.of("\u{3000}") == 2)
        #expect(DisplayWidth.of("𠀀") == 2) // Extension B, outside the Basic Multilingual Plane
        // And mixed with Latin text, only the wide characters take two
        #expect(DisplayWidth.of("Acme 欢聚 Ltd") == 13)
    }

    @Test func givenEmojiShownAsEmojiWhenMeasuredThenEachTakesTwoColumns() {
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("❤️") == 2)          // U+2764 with the emoji variation selector
        #expect(DisplayWidth.of("👩‍👩‍👧") == 2)      // a ZWJ sequence is one emoji
        #expect(DisplayWidth.of("\u{2764}") == 1)   // without the selector it is text
    }

    @Test func givenCombiningMarksWhenMeasuredThenTheyTakeNoColumns() {
        #expect(DisplayWidth.of("e\u{301}") == 1)          // é, decomposed
        #expect(DisplayWidth.of("\u{301}") == 0)           // a lone combining mark
        #expect(DisplayWidth.of("\u{304B}\u{3099}") == 2)  // が, decomposed
        #expect(DisplayWidth.of("a\u{200B}b") == 2)        // a zero-width space
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2) // 각 from conjoining jamo
    }

    @Test func givenTextNarrowerThanTheColumnWhenPaddedThenSpacesFillItToTheColumnsWidth() {
        #expect(DisplayWidth.pad("欢聚", to: 6) == "欢聚  ")
        #expect(DisplayWidth.pad("Acme", to: 6) == "Acme  ")
        #expect(DisplayWidth.pad("欢聚科技", to: 6) == "欢聚科技")
    }

    @Test func givenAChineseAndALatinNameWhenTabulatedThenTheNextColumnStartsAtTheSameDisplayColumn() {
        // Given accounts named in Chinese and in Latin letters
        let lines = Output.tableLines(["ACCOUNT", "NAME", "KIND"], [
            ["acc_1", "欢聚科技有限公司", "ENTERPRISE"],
            ["acc_2", "Acme Live Co.", "ENTERPRISE"],
            ["acc_3", "欢聚 Live", "PERSONAL"],
        ])
        // Then the column after the names starts at the same terminal column in every line
        let starts = zip(lines, ["KIND", "ENTERPRISE", "ENTERPRISE", "PERSONAL"]).map { line, cell in
            line.range(of: cell).map { DisplayWidth.of(String(line[..<$0.lowerBound])) }
        }
        #expect(starts == Array(repeating: 7 + 2 + 16 + 2, count: 4), "\(lines.joined(separator: "\n"))")
        #expect(lines[1] == "acc_1    欢聚科技有限公司  ENTERPRISE")
        #expect(lines[2] == "acc_2    Acme Live Co.     ENTERPRISE")
    }
}
