import GRDB
import HuanjuWire
import Logging
import ServiceLifecycle

/// Asks the service's database every `interval` to read (its schema) and to take its write
/// lock (an empty `BEGIN IMMEDIATE` transaction), and tells `HealthStatus` each time both
/// answered. If they stop
/// answering (a disk that hangs, a lock held for good, threads that never come back), health
/// turns NOT_SERVING `storageStaleAfter` later, even though the probe itself cannot report it.
struct StorageProbe: Service {
    let database: any DatabaseWriter
    let health: HealthStatus
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async throws {
        try? await cancelWhenGracefulShutdown { try await probe() }
    }

    private func probe() async throws {
        var failing = false
        while !Task.isCancelled {
                do {
                    _ = try await database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
                    try await database.writeWithoutTransaction { db in
                        try db.execute(sql: "BEGIN IMMEDIATE")
                        try db.execute(sql: "COMMIT")
                    }
                    health.storageAnswered()
                    if failing {
                        failing = false
                        logger.notice("the database answers again")
                    }
                } catch is CancellationError {
                    return
                } catch {
                    if !failing {
                        failing = true
                        logger.error("the database does not answer: the service reports NOT_SERVING", metadata: [
                            "error": "\(error)",
                        ])
                    }
                }
                try await Task.sleep(for: interval)
        }
    }
}
