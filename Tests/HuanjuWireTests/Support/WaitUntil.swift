import HuanjuWire

/// Waits (real time, at most 10 s) until `condition` holds.
func waitUntil(_ what: String, _ condition: () throws -> Bool) async throws {
    let giveUp = ContinuousClock.now + .seconds(10)
    while try !condition() {
        guard ContinuousClock.now < giveUp else { throw RPCError(.deadlineExceeded, "gave up waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(2))
    }
}
