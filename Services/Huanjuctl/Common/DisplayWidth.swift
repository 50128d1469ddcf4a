/// How many terminal columns text takes, so that tables line up when names are Chinese:
/// East Asian Wide and Fullwidth characters (CJK ideographs, Hangul, Hiragana and Katakana,
/// CJK symbols and punctuation, fullwidth forms) and emoji shown as emoji take two columns,
/// combining marks and other invisible format characters none, everything else one — what a
/// terminal's `wcwidth` answers. `String.count` counts characters, not columns.
enum DisplayWidth {
    /// The columns `text` takes: the sum over its characters (grapheme clusters).
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The columns one character takes: 2 if it is shown as an emoji or has a wide scalar,
    /// 0 if all its scalars are zero-width (a lone combining mark), otherwise 1.
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if isEmoji(scalars) || scalars.contains(where: isWide) { return 2 }
        return scalars.allSatisfy(isZeroWidth) ? 0 : 1
    }

    /// `text` followed by spaces up to `width` columns (unchanged when it is already as wide).
    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    /// Shown as an emoji: a scalar with emoji presentation, or an emoji followed by the emoji
    /// variation selector (U+FE0F), as in "❤️".
    private static func isEmoji(_ scalars: Character.UnicodeScalarView) -> Bool {
        scalars.contains { $0.properties.isEmojiPresentation }
            || (scalars.first?.properties.isEmoji == true && scalars.contains("\u{FE0F}"))
    }

    /// Combining marks (nonspacing, enclosing), format characters such as the zero-width space
    /// and joiner, and the Hangul medial vowels and final consonants that join a syllable.
    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: true
        default: (0x1160...0x11FF).contains(scalar.value)
        }
    }

    /// East Asian Width W or F (Unicode's EastAsianWidth.txt), by block; the combining marks in
    /// those blocks (the kana voicing marks U+3099 and U+309A) are zero-width.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        !isZeroWidth(scalar) && wideRanges.contains { $0.contains(scalar.value) }
    }

    /// The blocks whose characters are wide or fullwidth.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x2E80...0x303E,   // CJK Radicals, Kangxi Radicals, Ideographic Description, CJK Symbols and Punctuation
        0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul Compatibility Jamo, Kanbun, CJK Strokes, Enclosed CJK, CJK Compatibility
        0x3400...0x4DBF,   // CJK Unified Ideographs Extension A
        0x4E00...0x9FFF,   // CJK Unified Ideographs
        0xA000...0xA4CF,   // Yi Syllables and Radicals
        0xA960...0xA97F,   // Hangul Jamo Extended-A
        0xAC00...0xD7A3,   // Hangul Syllables
        0xF900...0xFAFF,   // CJK Compatibility Ideographs
        0xFE10...0xFE19,   // Vertical Forms
        0xFE30...0xFE6F,   // CJK Compatibility Forms, Small Form Variants
        0xFF00...0xFF60,   // Fullwidth ASCII variants and brackets
        0xFFE0...0xFFE6,   // Fullwidth signs (￥, ￡, …)
        0x16FE0...0x16FE4, // Ideographic symbols and punctuation
        0x17000...0x18CFF, // Tangut, Khitan
        0x1B000...0x1B2FF, // Kana Supplement and Extended, Nushu
        0x1F200...0x1F2FF, // Enclosed Ideographic Supplement
        0x20000...0x2FFFD, // CJK Unified Ideographs Extensions B–F, Compatibility Supplement
        0x30000...0x3FFFD, // CJK Unified Ideographs Extensions G–H
    ]
}
