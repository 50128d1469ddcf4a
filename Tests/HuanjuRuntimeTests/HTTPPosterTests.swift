import HuanjuRuntime
import HuanjuTestSupport
import Testing

/// One POST per connection with NIO's HTTP/1.1 codec: what the server reads, and every way an
/// exchange ends — an answer (2xx or not), a closed connection, a refused one, no answer in
/// time, the caller giving up.
@Suite struct HTTPPosterTests {
    static func request(port: Int, body: String = #"{"id":"evt_1"}"#) -> HTTPPoster.Request {
        HTTPPoster.Request(
            host: "127.0.0.1", port: port, target: "/hooks/a?k=1",
            headers: [("Content-Type", "application/json"), ("Huanju-Event-Id", "evt_1")], body: Array(body.utf8))
    }

    @Test func theServerReadsThePostAsSentAndItsAnswerIsReported() async throws {
        try await WebhookReceiver.with { receiver in
            // When a POST is sent to a server answering 200
            let outcome = try await HTTPPoster().post(Self.request(port: receiver.port))
            // Then it is a success with that status
            #expect(outcome == .answered(status: 200, reason: "OK"))
            #expect(outcome.isSuccess && outcome.failure == nil)
            // And the server read the method, target, headers and body as sent
            let received = try #require(receiver.received.first)
            #expect(receiver.received.count == 1)
            #expect(received.method == "POST" && received.target == "/hooks/a?k=1")
            #expect(received.text == #"{"id":"evt_1"}"#)
            #expect(received.headers["host"] == "127.0.0.1:\(receiver.port)")
            #expect(received.headers["content-length"] == "14")
            #expect(received.headers["content-type"] == "application/json")
            #expect(received.headers["huanju-event-id"] == "evt_1")
            #expect(received.headers["connection"] == "close")
        }
    }

    @Test func anAnswerOtherThan2xxIsAFailureNamingTheStatus() async throws {
        try await WebhookReceiver.with(behaviour: .answer(503)) { receiver in
            let outcome = try await HTTPPoster().post(Self.request(port: receiver.port))
            #expect(outcome == .answered(status: 503, reason: "Service Unavailable"))
            #expect(!outcome.isSuccess && outcome.status == 503)
            #expect(outcome.failure == "HTTP 503 Service Unavailable")
        }
    }

    @Test func aConnectionClosedWithoutAnAnswerIsAFailure() async throws {
        try await WebhookReceiver.with(behaviour: .closeWithoutAnswer) { receiver in
            let outcome = try await HTTPPoster().post(Self.request(port: receiver.port))
            #expect(outcome == .failed("127.0.0.1:\(receiver.port) closed the connection without answering"))
            #expect(receiver.received.count == 1)
        }
    }

    @Test func aRefusedConnectionIsAFailureNamingTheEndpointAndTheReason() async throws {
        // Given a port nothing listens on any more
        let port = try await WebhookReceiver.with { $0.port }
        // When a POST is sent there
        let outcome = try await HTTPPoster().post(Self.request(port: port))
        // Then it failed, saying where and why
        let failure = try #require(outcome.failure)
        #expect(failure.hasPrefix("cannot connect to 127.0.0.1:\(port): "), "\(failure)")
        #expect(failure.contains("refused"), "\(failure)")
    }

    @Test func aServerThatNeverAnswersIsGivenUpOnAfterTheTimeout() async throws {
        try await WebhookReceiver.with(behaviour: .hang) { receiver in
            let outcome = try await HTTPPoster(timeout: .milliseconds(500)).post(Self.request(port: receiver.port))
            let failure = try #require(outcome.failure)
            #expect(failure.hasSuffix("within 500 ms"), "\(failure)")
        }
    }

    @Test func cancellingTheCallerClosesTheConnectionAndThrowsCancellation() async throws {
        try await WebhookReceiver.with(behaviour: .hang) { receiver in
            // Given a POST waiting for a server that never answers (with a long limit)
            try await withThrowingTaskGroup(of: HTTPPoster.Outcome.self) { group in
                group.addTask { try await HTTPPoster(timeout: .seconds(600)).post(Self.request(port: receiver.port)) }
                try await receiver.wait(for: "the request") { $0.count == 1 }
                // When its task is cancelled
                group.cancelAll()
                // Then it ends with CancellationError, long before its limit
                await #expect(throws: CancellationError.self) { _ = try await group.next() }
            }
        }
    }

    @Test func aCallerCancelledWhileConnectingEndsCleanlyWhateverTheMoment() async throws {
        try await WebhookReceiver.with(behaviour: .hang) { receiver in
            // Given POSTs whose tasks are cancelled at every moment around the connection (a
            // task cancelled before its first step, then after 0, 1, 2 … scheduler turns)
            for turns in 0..<40 {
                let post = Task { try await HTTPPoster(timeout: .seconds(600)).post(Self.request(port: receiver.port)) }
                for _ in 0..<turns { await Task.yield() }
                post.cancel()
                // Then each ends with CancellationError (a connection opened just before the
                // cancellation is closed, never dropped unfinished: that trapped once)
                await #expect(throws: CancellationError.self) { _ = try await post.value }
            }
        }
    }
}
