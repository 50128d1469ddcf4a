import GRDB
import GRDBSQLite
import HuanjuDomain

/// Upserts radar lines (`radar_viewers` rows) by binding their values straight to SQLite:
/// the flusher writes up to hundreds of thousands a second, and GRDB's generic arguments
/// (an array of boxed values per row) cost more than SQLite's own work. The statement is
/// `RadarViewerRecord`'s upsert (same SQL, same columns); a `wx_<16 hex>` viewer id is
/// spelled out on the stack and copied by SQLite, so a line costs no allocation here.
///
/// Use it inside one write transaction only (it holds the connection's cached statement).
struct RadarLineWriter {
    private let statement: Statement
    private let db: Database

    /// The writer over `db`'s cached upsert statement.
    init(_ db: Database) throws {
        self.db = db
        statement = try db.cachedStatement(sql: RadarViewerRecord.upsertSQL)
    }

    /// Upserts each of `lines` into `broadcastID`'s radar, keeping each viewer's first join.
    func upsert(_ lines: [ViewerChange], of broadcastID: String) throws {
        let handle = statement.sqliteStatement
        try check(sqlite3_reset(handle))
        try check(sqlite3_clear_bindings(handle))
        var broadcast = broadcastID
        try broadcast.withUTF8 { id in
            try check(sqlite3_bind_text(handle, 1, id.baseAddress, Int32(id.count), Self.transient))
            for line in lines {
                try bindViewer(line.viewer, at: 2, of: handle)
                try check(sqlite3_bind_int64(handle, 3, line.firstJoin.unixMilliseconds))
                try check(sqlite3_bind_int64(handle, 4, line.lastSeen.unixMilliseconds))
                try check(sqlite3_bind_int64(handle, 5, Int64(line.visits)))
                try check(sqlite3_bind_int64(handle, 6, line.watchTime.milliseconds))
                let stepped = sqlite3_step(handle)
                guard stepped == SQLITE_DONE else { throw error(stepped) }
                try check(sqlite3_reset(handle))
            }
        }
        try check(sqlite3_clear_bindings(handle))
    }

    private func bindViewer(_ viewer: ViewerID, at position: Int32, of handle: OpaquePointer) throws {
        switch viewer {
        case .compact(let value):
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ViewerID.compactLength) { buffer in
                ViewerID.spell(value, into: buffer)
                try check(sqlite3_bind_text(handle, position, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                            Int32(buffer.count), Self.transient))
            }
        case .other(let text):
            var text = text
            try text.withUTF8 { bytes in
                try check(sqlite3_bind_text(handle, position, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                            Int32(bytes.count), Self.transient))
            }
        }
    }

    /// SQLite copies the bound text (`SQLITE_TRANSIENT`, which Swift cannot import by name).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
    }
}
