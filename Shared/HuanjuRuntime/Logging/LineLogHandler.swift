import HuanjuWire
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The services' log handler: one line per event on standard error, in logfmt style —
/// `2026-11-29T15:23:43.123Z info huanju.billing call rpc.method=… rpc.status=OK` — with
/// every value escaped, so that a value a client chose (an account id with a newline, a name
/// with a terminal escape sequence) can never start a forged line or rewrite the terminal.
///
/// Values made only of printable characters (no space, `"`, `=` or `\`) are written as they
/// are; any other is quoted, with `"` and `\` escaped, `\n` `\r` `\t` as such, and other
/// control, separator and bidirectional-override characters as `\u{XXXX}`. Each line is one
/// `write(2)`.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Self.timestamp()
        line += " \(event.level) \(label) "
        line += Self.escaped(event.message.description)
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        for key in all.keys.sorted() {
            line += " \(Self.escaped(key))=\(Self.escaped(all[key].map(Self.text) ?? ""))"
        }
        line += "\n"
        Self.writeToStandardError(line)
    }

    /// `value` as logfmt writes it: bare when safe, else quoted and escaped.
    public static func escaped(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "\"" || scalar == "=" || scalar == "\\" || !TextRulesForLogs.isPlain(scalar)
        }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if TextRulesForLogs.isPlain(scalar) || scalar == " " {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                }
            }
        }
        return out + "\""
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(text).joined(separator: ",") + "]"
        case .dictionary(let values): "{" + values.keys.sorted().map { "\($0):\(text(values[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// UTC, millisecond precision: `2026-11-29T15:23:43.123Z`.
    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(now.tv_nsec / 1_000_000)
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(millisText)Z"
    }

    private static func writeToStandardError(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// Which characters a log line shows as they are.
private enum TextRulesForLogs {
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        scalar != " " && TextRules.allows(scalar) && !scalar.properties.isWhitespace
    }
}
