import GRDB

/// Everything a service's SQLite database holds, read through a read-only connection while
/// the service runs: every row of every table, as text, so that a test can say "nothing was
/// stored" by comparing two readings.
public struct DatabaseContents: Sendable, Equatable, CustomStringConvertible {
    /// Table name → its rows, each rendered as text, sorted.
    public let tables: [String: [String]]

    /// Reads `path` (a WAL database another process writes).
    public static func read(_ path: String) throws -> DatabaseContents {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let tables = try queue.read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            var tables: [String: [String]] = [:]
            for name in names {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"")
                tables[name] = rows.map { row in row.description }.sorted()
            }
            return tables
        }
        try queue.close()
        return DatabaseContents(tables: tables)
    }

    /// Rows of every table.
    public var rowCount: Int { tables.values.reduce(0) { $0 + $1.count } }

    public var description: String {
        tables.keys.sorted().map { "\($0): \(tables[$0]?.count ?? 0) rows" }.joined(separator: ", ")
    }
}
