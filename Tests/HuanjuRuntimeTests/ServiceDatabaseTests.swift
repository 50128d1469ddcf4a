import GRDB
import HuanjuRuntime
import HuanjuTestSupport
import Logging
import Testing

@Suite struct ServiceDatabaseTests {
    @Test func aServiceDatabaseIsWALWithForeignKeysAndFullSync() throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { try $0.execute(sql: "CREATE TABLE t (x INTEGER)") }
        let pool = try ServiceDatabase.open(directory: TemporaryDirectory.make() + "/data", name: "svc",
                                            migrator: migrator, logger: Logger(label: "test"))
        let journal = try pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        let foreignKeys = try pool.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        let synchronous = try pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(synchronous == 2) // FULL
    }

    @Test func migrationsRunOnceAcrossReopens() throws {
        let directory = TemporaryDirectory.make() + "/data"
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { try $0.execute(sql: "CREATE TABLE t (x INTEGER)") }
        do {
            let pool = try ServiceDatabase.open(directory: directory, name: "svc", migrator: migrator, logger: Logger(label: "test"))
            try pool.write { try $0.execute(sql: "INSERT INTO t VALUES (7)") }
        }
        let reopened = try ServiceDatabase.open(directory: directory, name: "svc", migrator: migrator, logger: Logger(label: "test"))
        #expect(try reopened.read { try Int.fetchOne($0, sql: "SELECT x FROM t") } == 7)
    }
}
