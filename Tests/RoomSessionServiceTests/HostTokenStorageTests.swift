import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire
import Testing

@testable import RoomSessionService

/// Host tokens are stored as their SHA-256 only, and compared in constant time.
@Suite("Host tokens — stored hashed")
struct HostTokenStorageTests {
    @Test func theDatabaseHoldsTheTokensDigestAndNeverTheToken() async throws {
        let activation = FakeAuthorizer()
        activation.add(capacity: 200)
        try await ServiceHarness.run(authorizer: activation) { service in
            // Given a broadcast started: its host holds the token
            let started = try await service.start()
            let id = try #require(started.broadcast).broadcastID
            // Then the row holds the token's SHA-256, and no column holds the token
            let fetched = try service.database.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM broadcasts WHERE broadcast_id = ?", arguments: [id])
            }
            let row = try #require(fetched)
            #expect(row["host_token_sha256"] == Digest.sha256Hex(started.hostToken))
            #expect(!row.description.contains(started.hostToken))
            // And the token still proves being the host; a near miss does not
            #expect(try await service.hosted(Session.getBroadcast, id, token: started.hostToken).broadcastID == id)
            let nearMiss = String(started.hostToken.dropLast()) + (started.hostToken.hasSuffix("0") ? "1" : "0")
            await expectRefusalCode(.notFound) { try await service.hosted(Session.getBroadcast, id, token: nearMiss) }
        }
    }

    @Test func tokensStoredBeforeHashingStillWorkAfterTheMigration() throws {
        // Given a database at session-v1 holding a broadcast with its token in plain text
        let queue = try DatabaseQueue()
        try RoomSessionMigrations.migrator.migrate(queue, upTo: "session-v1")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO broadcasts (broadcast_id, kind, state, title, host_token, viewer_limit, started_at_ms, hard_end_ms)
                VALUES ('bc_OLD', 'TRIAL', 'LIVE', '', 'ht_OLDTOKEN', 10, 0, 14400000)
                """)
        }
        // When session-v2 runs
        try RoomSessionMigrations.migrator.migrate(queue)
        // Then the row holds the digest, and the old token still admits its host
        let row = try #require(try queue.read { try BroadcastRecord.fetchOne($0) })
        #expect(row.hostTokenDigest == Digest.sha256Hex("ht_OLDTOKEN"))
        #expect(row.admits(token: "ht_OLDTOKEN", account: nil))
        #expect(!row.admits(token: "ht_OLDTOKEX", account: nil))
    }
}

/// Checks that `body` is refused with `code`.
func expectRefusalCode<T>(_ code: StatusCode, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T) async {
    do {
        _ = try await body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as RPCError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}
