import GRDB
import HuanjuWire
import Logging
import Synchronization

private let busyRetries = Atomic<Int>(0)

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a service's own SQLite database, readable by its owner only (folder 0700, files
/// 0600, whatever the umask): WAL (a `DatabasePool`), foreign keys on,
/// `synchronous=FULL` on the writer so a transaction that committed survives power loss as well as
/// `kill -9`, a busy timeout, and the service's migrations applied before anything else.
public enum ServiceDatabase {
    /// `<directory>/<name>.sqlite`, created with its folder if missing.
    public static func open(directory: String, name: String, migrator: DatabaseMigrator, logger: Logger) throws -> DatabasePool {
        try createDirectory(directory)
        let path = "\(directory)/\(name).sqlite"
        try restrictToOwner(path)
        let pool = try DatabasePool(path: path, configuration: configuration())
        // GRDB's WAL set-up lowers the writer to synchronous=NORMAL (which can lose the last
        // commits on power loss); the pool has one writer connection, so raise it back here.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        let before = try pool.read { try migrator.appliedMigrations($0) }
        try migrator.migrate(pool)
        let after = try pool.read { try migrator.appliedMigrations($0) }
        logger.info("database ready", metadata: [
            "db.path": "\(path)", "db.migrations": "\(after.count)", "db.migrated_now": "\(after.count - before.count)",
        ])
        return pool
    }

    /// How many times a statement found the database busy and retried (all databases of
    /// this process), for the `huanju_sqlite_busy_retries_total` metric.
    public static var busyRetryCount: Int { busyRetries.load(ordering: .relaxed) }

    /// The gauges every service reports about its storage.
    public static func gauges() -> [Gauge] {
        [Gauge("huanju_sqlite_busy_retries_total", help: "Times SQLite found the database busy and retried.",
               kind: .counter, value: Double(busyRetryCount))]
    }

    /// An in-memory database with the same settings, for tests of a store.
    public static func inMemory(migrator: DatabaseMigrator) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: configuration())
        try migrator.migrate(queue)
        return queue
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Wait for a busy database up to ~5 s, counting each retry for the metrics.
        configuration.busyMode = .callback { tries in
            busyRetries.add(1, ordering: .relaxed)
            usleep(UInt32(min(tries + 1, 20)) * 250)
            return tries < 1000
        }
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Creates the database file 0600 if missing, and makes it and its WAL and shared-memory
    /// files 0600 if present (SQLite creates those with the database file's mode).
    static func restrictToOwner(_ path: String) throws {
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DatabaseDirectoryError(path: path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        for file in [path, "\(path)-wal", "\(path)-shm"] {
            _ = chmod(file, 0o600)
        }
    }

    /// Creates the data directory (0700) and its missing parents.
    static func createDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/\(component)"
            if mkdir(prefix, 0o700) != 0, errno != EEXIST {
                throw DatabaseDirectoryError(path: prefix, reason: String(cString: strerror(errno)))
            }
        }
    }
}

/// The data directory could not be created.
public struct DatabaseDirectoryError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot create the data directory \(path): \(reason)" }
}
