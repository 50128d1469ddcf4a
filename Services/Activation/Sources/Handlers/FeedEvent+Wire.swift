import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime

extension ActivationV1.FeedEventType {
    /// The wire form of a feed event's kind.
    init(_ kind: FeedEventKind) {
        switch kind {
        case .feeBought: self = .feeBought
        case .feeRenewed: self = .feeRenewed
        case .feeLapsed: self = .feeLapsed
        case .codeIssued: self = .codeIssued
        case .codeBound: self = .codeBound
        case .codeSuspended: self = .codeSuspended
        case .codeRestored: self = .codeRestored
        case .codeLapsed: self = .codeLapsed
        case .codeExpired: self = .codeExpired
        case .expansionPaid: self = .expansionPaid
        case .expansionApplied: self = .expansionApplied
        case .bindReminder: self = .bindReminder
        case .feeEndReminder: self = .feeEndReminder
        case .codeExpiryReminder: self = .codeExpiryReminder
        case .applicationDecided: self = .applicationDecided
        case .expansionOpened: self = .expansionOpened
        case .expansionDecided: self = .expansionDecided
        case .broadcastStarted: self = .broadcastStarted
        case .broadcastEnded: self = .broadcastEnded
        }
    }
}

extension ActivationV1.FeedEvent {
    /// The wire form of a stored feed event.
    ///
    /// - Throws: `StoredDataError` for a kind the service never writes.
    init(_ record: FeedEventRecord) throws {
        guard let kind = FeedEventKind(rawValue: record.kind) else {
            throw StoredDataError.unexpected(record.kind, in: "feed_events.kind")
        }
        self.init()
        eventID = record.eventID
        cursor = FeedCursor.text(record.sequence ?? 0)
        accountID = record.accountID
        type = ActivationV1.FeedEventType(kind)
        occurredAtMs = record.occurredAt.unixMilliseconds
        recordedAtMs = record.recordedAt.unixMilliseconds
        codeID = record.codeID ?? ""
        codeMasked = record.codeMasked ?? ""
        ticketID = record.ticketID ?? ""
        orderID = record.orderID ?? ""
        broadcastID = record.broadcastID ?? ""
        deadlineMs = record.deadlineAt?.unixMilliseconds ?? 0
        daysLeft = UInt32(record.daysLeft ?? 0)
        text = record.text
    }
}

/// A feed cursor on the wire: the event's sequence in decimal ("" before the first event).
enum FeedCursor {
    static func text(_ sequence: Int64) -> String { sequence == 0 ? "" : String(sequence) }

    /// The sequence a cursor names.
    ///
    /// - Throws: INVALID_ARGUMENT for text that is not a cursor.
    static func sequence(_ text: String) throws(DomainError) -> Int64 {
        guard !text.isEmpty else { return 0 }
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let value = Int64(text),
              value > 0 else {
            throw .invalidArgument("after must be a cursor from a previous answer (or empty for the first events)")
        }
        return value
    }
}
