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
    /// The event loop whose clock `receivedAt` and `deadline` are on (nil: `NIODeadline.now()`).
    private let clock: (any EventLoop)?

    /// A call received at `receivedAt`, to be answered by `deadline`, both on the clock of
    /// `NIODeadline.now()`.
    public init(callID: UInt64, method: String, socket: SocketKind, metadata: [String: String], receivedAt: NIODeadline, deadline: NIODeadline) {
        self.init(callID: callID, method: method, socket: socket, metadata: metadata, receivedAt: receivedAt, deadline: deadline,
                  clock: nil)
    }

    /// A call read by `clock`, an event loop, whose clock `receivedAt` and `deadline` are on
    /// (virtual time in tests).
    init(callID: UInt64, method: String, socket: SocketKind, metadata: [String: String], receivedAt: NIODeadline, deadline: NIODeadline,
         clock: (any EventLoop)?) {
        self.callID = callID
        self.method = method
        self.socket = socket
        self.metadata = metadata
        self.receivedAt = receivedAt
        self.deadline = deadline
        self.clock = clock
    }

    /// Now, on the clock of the call's deadline (a running server's is `NIODeadline.now()`).
    public var now: NIODeadline { clock?.now ?? .now() }

    /// How long the caller still waits at `now`: the time until `deadline` (zero or less once
    /// it passed).
    public func remaining(now: NIODeadline) -> TimeAmount {
        deadline - now
    }

    /// The deadline for a call this handler makes to a peer while serving this call: `own`
    /// (the peer call's usual deadline), or the time this call's caller still waits at `now`
    /// (default: `self.now`) if that is shorter — so the peer stops working on it when nobody
    /// waits for the answer any more. Zero or less once this call's deadline passed:
    /// `RPCClient` then does not send it.
    ///
    /// Calls made outside any call (an outbox relay, a sweep) keep their own deadline.
    public func peerDeadline(_ own: TimeAmount, now: NIODeadline? = nil) -> TimeAmount {
        min(own, remaining(now: now ?? self.now))
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
