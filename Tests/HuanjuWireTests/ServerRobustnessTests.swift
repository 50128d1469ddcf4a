import Foundation
import HuanjuTestSupport
@testable import HuanjuWire
import Testing

/// Bad input closes only the connection that sent it; the server keeps serving everyone else.
@Suite struct ServerRobustnessTests {
    @Test func oversizedFrameIsResourceExhaustedForCallZeroAndClosesOnlyThatConnection() async throws {
        try await TestServer(maxFrameBytes: 1024).serving { server in
            // Given a healthy connection already open
            let bystander = server.client()
            let before: ConformanceV1.AllKinds = try await bystander.call(TestMethods.echo, ConformanceV1.AllKinds(text: "before"))
            #expect(before.text == "before")
            // When another connection announces a frame one byte over the limit
            let path = server.publicSocket
            let (answer, closed) = try await onOwnThread {
                let raw = try RawSocket(path: path)
                raw.send([0x00, 0x00, 0x04, 0x01])
                return (try raw.readResponse(), raw.isClosedByServer())
            }
            // Then it is answered RESOURCE_EXHAUSTED for call 0 and closed
            let refusal = try #require(answer)
            #expect(refusal.callID == 0)
            #expect(refusal.status == .resourceExhausted)
            #expect(refusal.message.contains("1025"))
            #expect(closed)
            // And the bystander is untouched
            let after: ConformanceV1.AllKinds = try await bystander.call(TestMethods.echo, ConformanceV1.AllKinds(text: "after"))
            #expect(after.text == "after")
        }
    }

    @Test func anEnvelopeThatDoesNotDecodeIsInvalidArgumentAndClosesTheConnection() async throws {
        try await TestServer().serving { server in
            let valid = RPCV1.Request(callID: 5, method: TestMethods.echo.name, payload: ConformanceV1.AllKinds(text: "x").serializedBytes())
                .serializedBytes()
            for body in [[0xFF, 0xFF, 0xFF, 0xFF], Array(valid.dropLast(3)), [0x12, 0x09, 0x41]] as [[UInt8]] {
                let path = server.publicSocket
                let (answer, closed) = try await onOwnThread {
                    let raw = try RawSocket(path: path)
                    raw.sendFrame(body)
                    return (try raw.readResponse(), raw.isClosedByServer())
                }
                let refusal = try #require(answer)
                #expect(refusal.callID == 0)
                #expect(refusal.status == .invalidArgument)
                #expect(closed)
            }
            let still: ConformanceV1.AllKinds = try await server.client().call(TestMethods.echo, ConformanceV1.AllKinds(text: "serving"))
            #expect(still.text == "serving")
        }
    }

    @Test func randomGarbageNeverStopsTheServer() async throws {
        try await TestServer().serving { server in
            // Given 300 connections each sending random bytes (seeded, so a failure replays)
            let path = server.publicSocket
            try await onOwnThread {
                var random = SplitMix64(seed: 0x4855_414E_4A55)
                for _ in 0..<300 {
                    let raw = try RawSocket(path: path)
                    let count = Int(random.next() % 64) + 1
                    raw.send((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) })
                }
            }
            // Then the server still answers
            let health: HealthV1.HealthCheckResponse = try await server.client().call(HealthV1.HealthService.Method.check, HealthV1.HealthCheckRequest())
            #expect(health.status == .serving)
        }
    }

    @Test func oneThousandConcurrentCallsOnOneConnectionAreEachMatchedToTheirCaller() async throws {
        try await TestServer().serving { server in
            let client = server.client()
            let completions = CompletionOrder()
            // Given 1,000 calls in flight at once on one connection, each sleeping a random time
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<1000 {
                    group.addTask {
                        let request = ConformanceV1.AllKinds(i32: Int32.random(in: 0...20), i64: Int64(index), text: "call \(index)")
                        let echo: ConformanceV1.AllKinds = try await client.call(TestMethods.echo, request)
                        // Then each answer is the caller's own
                        #expect(echo == request)
                        completions.record(index)
                    }
                }
                try await group.waitForAll()
            }
            let order = completions.order
            #expect(order.count == 1000)
            // And they were answered out of order
            #expect(order != order.sorted())
        }
    }
}

/// The order in which concurrent calls completed.
final class CompletionOrder: Sendable {
    private let indices = Mutex<[Int]>([])
    func record(_ index: Int) { indices.withLock { $0.append(index) } }
    var order: [Int] { indices.withLock { $0 } }
}

/// A tiny seeded generator, so random inputs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Synchronization
