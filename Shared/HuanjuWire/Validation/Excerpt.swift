/// How a refusal quotes what the caller sent: at most a short prefix, so that an answer or a
/// log line never carries a caller's megabyte back (strings the services accept hold no
/// control characters, so the prefix is safe to show).
public enum Excerpt {
    /// `text` if it has at most `limit` characters, else its first `limit` and "…".
    public static func of(_ text: String, limit: Int = 40) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: text.unicodeScalars.prefix(limit))
        return String(prefix) + "…"
    }
}
