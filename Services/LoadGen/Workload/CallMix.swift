import ArgumentParser

/// The share of joins, heartbeats and leaves, parsed from `join:heartbeat:leave` (e.g. 70:25:5).
struct CallMix: Sendable, Equatable, CustomStringConvertible {
    let join: Int
    let heartbeat: Int
    let leave: Int

    init(parsing text: String) throws {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 3, let join = parts[0], let heartbeat = parts[1], let leave = parts[2],
              join >= 0, heartbeat >= 0, leave >= 0, join + heartbeat + leave > 0
        else {
            throw ValidationError("--mix is join:heartbeat:leave with non-negative whole numbers, e.g. 70:25:5 (got '\(text)')")
        }
        self.join = join
        self.heartbeat = heartbeat
        self.leave = leave
    }

    var total: Int { join + heartbeat + leave }

    /// The kind for a number drawn uniformly from `0..<total`.
    func kind(for draw: Int) -> CallKind {
        if draw < join { return .join }
        if draw < join + heartbeat { return .heartbeat }
        return .leave
    }

    var description: String { "\(join):\(heartbeat):\(leave)" }
}
