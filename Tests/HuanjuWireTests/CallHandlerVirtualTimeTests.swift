@testable import HuanjuWire
import NIOCore
import NIOEmbedded
import Testing

/// Deadlines and backpressure of one connection, on virtual time: the event loop's clock
/// moves only when the test advances it, so no result depends on how loaded the machine is.
@Suite struct CallHandlerVirtualTimeTests {
    private static let gated = GatedHandlers.gated.name
    private static let inline = GatedHandlers.inline.name

    private func request(_ id: UInt64, _ method: String, key: Int64 = 0, deadlineMs: UInt64 = 0) throws -> RPCV1.Request {
        RPCV1.Request(callID: id, method: method, deadlineMs: deadlineMs, payload: ConformanceV1.AllKinds(i64: key).serializedBytes())
    }

    @Test func aCallQueuedPastItsDeadlineIsNotStarted() async throws {
        let handlers = GatedHandlers()
        var configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        configuration.maxCallsInFlightPerConnection = 1
        let connection = try await VirtualTimeConnection.open(router: handlers.router(), configuration: configuration)
        try await connection.runningJobs {
            // Given the connection's only slot busy with a call that has not finished
            try await connection.send(try request(1, Self.gated, key: 1, deadlineMs: 60_000))
            try await handlers.waitUntilStarted(1)
            // When a call with a 100 ms deadline waits behind it, and 100 ms pass
            try await connection.send(try request(2, Self.gated, key: 2, deadlineMs: 100))
            await connection.loop.advanceTime(by: .milliseconds(99))
            #expect(try await connection.nothingWritten())
            await connection.loop.advanceTime(by: .milliseconds(1))
            // Then it is answered DEADLINE_EXCEEDED at its deadline
            let expired = try #require(try await connection.response())
            #expect(expired.callID == 2)
            #expect(expired.status == .deadlineExceeded)
            #expect(expired.message.contains("waited in this connection's queue past its deadline"))
            // And when the slot frees, the expired call is never started
            handlers.open(1)
            let first = try #require(try await connection.response())
            #expect(first.callID == 1 && first.status == .ok)
            handlers.open(2)
            try await connection.channel.testingEventLoop.executeInContext {}
            #expect(handlers.started.load(ordering: .relaxed) == 1)
        }
    }

    @Test func aHandlerThatOverrunsItsDeadlineIsAnsweredAtTheDeadlineAndCancelled() async throws {
        let handlers = GatedHandlers()
        let configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        let connection = try await VirtualTimeConnection.open(router: handlers.router(), configuration: configuration)
        try await connection.runningJobs {
            // Given a call with a 150 ms deadline whose handler never finishes by itself
            try await connection.send(try request(7, Self.gated, key: 7, deadlineMs: 150))
            try await handlers.waitUntilStarted(1)
            // When 150 ms pass on the event loop's clock
            await connection.loop.advanceTime(by: .milliseconds(150))
            // Then it is answered DEADLINE_EXCEEDED, and its handler is cancelled (its task ends
            // although its gate was never opened: runningJobs returns)
            let answer = try #require(try await connection.response())
            #expect(answer.callID == 7)
            #expect(answer.status == .deadlineExceeded)
        }
    }

    @Test func aClientThatDoesNotReadItsAnswersIsNotReadFromUntilItDoes() async throws {
        let handlers = GatedHandlers()
        let configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        let connection = try await VirtualTimeConnection.open(router: handlers.router(), configuration: configuration)
        let channel = connection.channel
        let before = connection.reads.reads
        // Given answers the client leaves unread, past the channel's write watermark
        try await channel.testingEventLoop.executeInContext {
            channel.isWritable = false
            channel.pipeline.fireChannelWritabilityChanged()
            // When the channel asks for more input
            channel.read()
        }
        // Then the server does not read
        #expect(connection.reads.reads == before)
        // And once the client caught up, reading resumes
        try await channel.testingEventLoop.executeInContext {
            channel.isWritable = true
            channel.pipeline.fireChannelWritabilityChanged()
        }
        #expect(connection.reads.reads == before + 1)
        // And calls are served as before
        try await connection.send(try request(3, Self.inline))
        #expect(try await connection.response()?.status == .ok)
    }

    @Test func aRequestNamingAMetadataKeyTwiceIsRefusedWhateverItsSpelling() async throws {
        let handlers = GatedHandlers()
        let configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        let connection = try await VirtualTimeConnection.open(router: handlers.router(), configuration: configuration)
        var call = try request(4, Self.inline)
        call.metadata = [RPCV1.MetadataEntry(key: "account_id", value: "acc_A"), RPCV1.MetadataEntry(key: "Account-Id", value: "acc_B")]
        try await connection.send(call)
        let refused = try #require(try await connection.response())
        #expect(refused.callID == 4)
        #expect(refused.status == .invalidArgument)
        #expect(refused.message.contains("metadata key 'account-id' is sent more than once"))
    }
}
