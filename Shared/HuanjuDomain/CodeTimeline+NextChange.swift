extension CodeTimeline {
    /// The code's next status change after `instant`, as known now, and what it means.
    ///
    /// - Parameter code: the code the timeline was made of (for its bind deadline in sentences).
    public func nextChange(after instant: Instant, code: ActivationCode) -> NextStatusChange {
        guard let index = index(at: instant) else {
            return NextStatusChange(
                at: code.issuedAt, status: intervals.first?.status,
                sentence: "not issued yet: issued \(code.issuedAt), to be bound before \(code.bindDeadline)")
        }
        let current = intervals[index].status
        guard intervals.indices.contains(index + 1) else {
            switch current {
            case .lapsed:
                return NextStatusChange(
                    at: nil, status: nil,
                    sentence: "never again: it was not bound before \(code.bindDeadline); a lapsed code cannot be used, "
                        + "buy a new code")
            case .expired:
                return NextStatusChange(at: nil, status: nil, sentence: "never again: codes cannot be renewed; buy a new code")
            default:
                return NextStatusChange(at: nil, status: nil, sentence: "no change known")
            }
        }
        let next = intervals[index + 1]
        let sentence = switch (current, next.status) {
        case (.unbound, .lapsed):
            "bind before \(code.bindDeadline): it lapses then, for good"
        case (.unbound, _):
            "bind before \(code.bindDeadline); it was bound \(next.from) (\(next.status.rawValue) from then)"
        case (.active, .suspended):
            "usable until \(next.from), when the annual fee ends; renewing it before then keeps the code usable"
        case (.active, .expired):
            "usable until \(next.from), when the code's validity ends; codes cannot be renewed: buy a new code to go on"
        case (.suspended, .active):
            "usable again from \(next.from), when the annual fee was renewed"
        case (.suspended, .expired):
            "usable again when the annual fee is renewed, if before \(next.from), when the code expires for good"
        default:
            "\(next.status.rawValue) from \(next.from)"
        }
        return NextStatusChange(at: next.from, status: next.status, sentence: sentence)
    }
}
