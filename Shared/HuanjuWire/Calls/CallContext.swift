import NIOCore

/// Which of a service's two sockets a call arrived on.
public enum SocketKind: Sendable, Equatable {
    /// `<service>.sock`, mode 0660: customer-facing methods.
    case publicSocket
    /// `<service>-admin.sock`, mode 0600: operator methods and the public ones.
    case operatorSocket
}

/// What a handler knows about its call besides the request message. No transport types.
public struct CallContext: Sendable {
    public let callID: UInt64
    public let method: String
    public let socket: SocketKind
    /// Metadata as sent, keys normalized (`normalizedMetadataKey`); the first value of a
    /// repeated key wins.
    public let metadata: [String: String]
    /// When the server read the call.
    public let receivedAt: NIODeadline
    /// When the server will answer DEADLINE_EXCEEDED if the handler has not answered.
    public let deadline: NIODeadline
    /// The method's number in the router's `CallStatistics` (0: a method it does not know).
    var statisticsIndex = 0
    /// Whether the server writes a log line for the call (not for the event-loop methods of
    /// the viewer path, whose calls only count in the metrics).
    var logsEachCall = true

    public init(callID: UInt64, method: String, socket: SocketKind, metadata: [String: String], receivedAt: NIODeadline, deadline: NIODeadline) {
        self.callID = callID
        self.method = method
        self.socket = socket
        self.metadata = metadata
        self.receivedAt = receivedAt
        self.deadline = deadline
    }

    /// Metadata keys are compared lower-cased with `_` read as `-`, as gRPC headers are
    /// written both ways: `Account_ID` and `account-id` are the same key.
    public static func normalizedMetadataKey(_ key: String) -> String {
        String(key.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// The calling customer's account id (`account-id` metadata), if sent.
    public var accountID: String? { metadata[MetadataKey.accountID].flatMap { $0.isEmpty ? nil : $0 } }

    /// The purchase's idempotency key (`idempotency-key` metadata), if sent.
    public var idempotencyKey: String? { metadata[MetadataKey.idempotencyKey].flatMap { $0.isEmpty ? nil : $0 } }

    /// The longest account id a caller can hold, in bytes (ids are `acc_` + 16 symbols).
    public static let maxAccountIDBytes = 64

    /// The account id, or UNAUTHENTICATED when the caller did not say who it is
    /// (INVALID_ARGUMENT when what it said cannot be an account id).
    public func requireAccountID() throws -> String {
        guard let accountID else {
            throw RPCError(.unauthenticated, "\(method) needs the caller's account id in metadata key '\(MetadataKey.accountID)'")
        }
        guard accountID.utf8.count <= Self.maxAccountIDBytes else {
            throw RPCError(.invalidArgument, "metadata '\(MetadataKey.accountID)' is \(accountID.utf8.count) bytes long; account ids "
                               + "are at most \(Self.maxAccountIDBytes)")
        }
        return accountID
    }

    /// The idempotency key, or INVALID_ARGUMENT when a purchase was sent without one.
    public func requireIdempotencyKey() throws -> String {
        guard let idempotencyKey else {
            throw RPCError(.invalidArgument, "\(method) needs a client-chosen key in metadata key '\(MetadataKey.idempotencyKey)', so that a retry is not charged twice")
        }
        return idempotencyKey
    }
}
