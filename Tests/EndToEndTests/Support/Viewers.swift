import HuanjuAPI
import HuanjuTestSupport
import HuanjuWire

/// Sends many viewer joins at once over several connections, as a crowd would.
enum Crowd {
    struct Outcome: Sendable {
        var admitted = 0
        var refused: [RPCError] = []
    }

    /// Joins `viewers` to `broadcastID` over `connections` connections, `perConnection` calls in flight each.
    static func join(_ system: LocalSystem, broadcastID: String, viewers: [String], connections: Int = 8,
                     perConnection: Int = 64) async throws -> Outcome {
        let clients = (0..<connections).map { _ in system.client("room-session") }
        let chunks = stride(from: 0, to: viewers.count, by: perConnection).map {
            Array(viewers[$0..<min($0 + perConnection, viewers.count)])
        }
        var outcome = Outcome()
        for wave in stride(from: 0, to: chunks.count, by: connections) {
            try await withThrowingTaskGroup(of: (Int, [RPCError]).self) { group in
                for (offset, chunk) in chunks[wave..<min(wave + connections, chunks.count)].enumerated() {
                    let client = clients[offset % connections]
                    group.addTask {
                        var admitted = 0
                        var refused: [RPCError] = []
                        try await withThrowingTaskGroup(of: RPCError?.self) { calls in
                            for viewer in chunk {
                                calls.addTask {
                                    do {
                                        _ = try await SessionV1.RoomSessionService.Client(client)
                                            .join(SessionV1.ViewerRequest(broadcastID: broadcastID, viewerID: viewer))
                                        return nil
                                    } catch let error as RPCError { return error }
                                }
                            }
                            for try await result in calls {
                                if let result { refused.append(result) } else { admitted += 1 }
                            }
                        }
                        return (admitted, refused)
                    }
                }
                for try await (admitted, refused) in group {
                    outcome.admitted += admitted
                    outcome.refused += refused
                }
            }
        }
        return outcome
    }

    /// `count` viewer ids shaped like WeChat's: `wx_` + 16 hex digits.
    static func viewerIDs(_ count: Int, first: Int = 0) -> [String] {
        (first..<first + count).map { index in
            let hex = String(index, radix: 16)
            return "wx_" + String(repeating: "0", count: 16 - hex.count) + hex
        }
    }
}
