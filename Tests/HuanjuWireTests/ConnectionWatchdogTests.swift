@testable import HuanjuWire
import NIOCore
import NIOEmbedded
import Testing

/// Idle and partial-frame timeouts: the state machine alone, then a connection on virtual time.
@Suite struct ConnectionWatchdogTests {
    // MARK: The state machine

    @Test func aFrameTimerRunsFromAFramesFirstByteToItsLast() {
        var state = ConnectionWatchdogState()
        #expect(state.opened() == .init(frameTimer: .leave, idleTimer: .start))
        // The first two bytes of a header: a frame started, the connection is no longer idle
        #expect(state.received([0, 0]) == .init(frameTimer: .start, idleTimer: .stop))
        // More bytes of the same frame leave the timer running from the first byte
        #expect(state.received([0, 3, 0x41]) == .init(frameTimer: .leave, idleTimer: .leave))
        // The last byte stops it; a call now awaits its answer, so the connection is not idle
        #expect(state.received([0x42, 0x43]) == .init(frameTimer: .stop, idleTimer: .leave))
        #expect(state.callsAwaitingAnswers == 1)
        // The answer makes it idle again
        #expect(state.answered() == .init(frameTimer: .leave, idleTimer: .start))
    }

    @Test func aReadThatEndsOneFrameAndStartsAnotherRestartsTheFrameTimer() {
        var state = ConnectionWatchdogState()
        _ = state.opened()
        _ = state.received([0, 0, 0, 1])
        #expect(state.received([0x41, 0, 0]) == .init(frameTimer: .start, idleTimer: .leave))
        #expect(state.callsAwaitingAnswers == 1)
        // An empty frame is a whole frame
        var empty = ConnectionWatchdogState()
        _ = empty.opened()
        #expect(empty.received([0, 0, 0, 0]) == .init(frameTimer: .leave, idleTimer: .stop))
        #expect(empty.callsAwaitingAnswers == 1 && !empty.isMidFrame)
    }

    // MARK: On a connection

    private func open() async throws -> VirtualTimeConnection {
        var configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        configuration.idleTimeout = .seconds(300)
        configuration.frameTimeout = .seconds(15)
        return try await VirtualTimeConnection.open(router: GatedHandlers().router(), configuration: configuration, watchdog: true)
    }

    @Test func aSlowlorisFrameIsClosedFifteenSecondsAfterItsFirstByte() async throws {
        let connection = try await open()
        // Given a client that sends a frame's header, then one byte every 5 seconds
        try await connection.send([0, 0, 0, 50])
        for _ in 0..<2 {
            await connection.loop.advanceTime(by: .seconds(5))
            try await connection.send([0x08])
        }
        #expect(connection.channel.isActive)
        // When 15 s have passed since its first byte
        await connection.loop.advanceTime(by: .seconds(5))
        // Then it is told why (call id 0) and closed
        let answer = try #require(try await connection.response())
        #expect(answer.callID == 0)
        #expect(answer.status == .deadlineExceeded)
        #expect(answer.message.contains("did not arrive whole within 15 s"))
        try await connection.channel.closeFuture.get()
    }

    @Test func anIdleConnectionIsClosedAfterFiveMinutesButNotWhileACallRuns() async throws {
        let handlers = GatedHandlers()
        var configuration = ServerConfiguration(serviceName: "virtual", runtimeDirectory: "/virtual")
        configuration.idleTimeout = .seconds(300)
        let connection = try await VirtualTimeConnection.open(router: handlers.router(), configuration: configuration, watchdog: true)
        try await connection.runningJobs {
            // Given a call that runs for ten minutes (its deadline is an hour)
            let request = RPCV1.Request(callID: 1, method: GatedHandlers.gated.name, deadlineMs: 3_600_000,
                                          payload: ConformanceV1.AllKinds(i64: 1).serializedBytes())
            try await connection.send(request)
            try await handlers.waitUntilStarted(1)
            await connection.loop.advanceTime(by: .seconds(600))
            // Then the connection stays open while it runs
            #expect(connection.channel.isActive)
            handlers.open(1)
            #expect(try await connection.response()?.status == .ok)
            // And once answered, 299 s of silence keep it, the 300th closes it with a reason
            await connection.loop.advanceTime(by: .seconds(299))
            #expect(connection.channel.isActive)
            await connection.loop.advanceTime(by: .seconds(1))
            let closing = try #require(try await connection.response())
            #expect(closing.callID == 0 && closing.status == .unavailable)
            #expect(closing.message.contains("idle for 300 s"))
            try await connection.channel.closeFuture.get()
        }
    }

    @Test func aConnectionThatNeverSendsAnythingIsClosedWhenIdle() async throws {
        let connection = try await open()
        await connection.loop.advanceTime(by: .seconds(300))
        #expect(try await connection.response()?.status == .unavailable)
        try await connection.channel.closeFuture.get()
    }
}
