import Foundation
import HuanjuWire

/// Prints results: a table (aligned columns) or JSON. Columns are measured in terminal columns
/// (`DisplayWidth`), so that a Chinese name, two columns a character, lines up with a Latin one.
enum Output {
    /// `rows` under `headers`, columns padded to their widest cell.
    static func table(_ headers: [String], _ rows: [[String]]) {
        for line in tableLines(headers, rows) { print(line) }
    }

    /// The lines `table` prints: the headers, then each row; each cell padded with spaces to its
    /// column's widest cell (in terminal columns), cells two spaces apart, trailing spaces trimmed.
    static func tableLines(_ headers: [String], _ rows: [[String]]) -> [String] {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(DisplayWidth.of).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { DisplayWidth.pad($1, to: $0 < widths.count ? widths[$0] : 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return [line(headers)] + rows.map(line)
    }

    /// `label: value` lines, labels aligned.
    static func fields(_ pairs: [(String, String)]) {
        let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (label, value) in pairs {
            print("\(DisplayWidth.pad(label, to: width))  \(value)")
        }
    }

    /// A generated message as pretty JSON (`ProtoJSON`: proto/'s field names, enums as numbers,
    /// instants as Unix milliseconds).
    static func json(_ message: some ProtoMessage) throws {
        try json(ProtoJSON.value(message))
    }

    /// A generated message as one line of JSON (for streams: one object per line).
    static func jsonLine(_ message: some ProtoMessage) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(ProtoJSON.value(message)), as: UTF8.self))
    }

    /// Generated messages as a pretty JSON array.
    static func json(_ messages: [some ProtoMessage]) throws {
        try json(messages.map { ProtoJSON.value($0) })
    }

    /// Any Encodable as pretty JSON (instants as Unix milliseconds).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
