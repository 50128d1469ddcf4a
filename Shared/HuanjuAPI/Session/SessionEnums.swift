/// `huanju.session.v1.BroadcastKind`.
public enum BroadcastKindMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case paid = 1
    case trial = 2
}

/// `huanju.session.v1.BroadcastState`.
public enum BroadcastStateMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case live = 1
    case ended = 2
}

/// `huanju.session.v1.EndReason`.
public enum EndReasonMessage: Int32, Codable, Sendable {
    case unspecified = 0
    case hostEnded = 1
    case maxDuration = 2
    case codeExpired = 3
    case feeLapsed = 4
    case serviceRestarted = 5
}
