/// Who may call a method (`(huanju.options.v1.method).access` in proto/).
public enum MethodAccess: String, Sendable, Equatable {
    /// Anyone, on either socket.
    case publicMethod = "public"
    /// A customer, on either socket, with `account-id` metadata (UNAUTHENTICATED without it).
    case customer
    /// An operator, on the operator socket only.
    case operatorOnly = "operator"
    /// Another service of the system, on the operator socket only.
    case peer

    /// Whether the public socket refuses it (PERMISSION_DENIED).
    public var isOperatorSocketOnly: Bool { self == .operatorOnly || self == .peer }
}

/// Where a method's handler runs (`(huanju.options.v1.method).execution`).
public enum MethodExecution: Sendable, Equatable {
    /// As a task that may await.
    case task
    /// On the event loop that read the call: quick, never blocking.
    case eventLoop
}

/// What proto/ declares about one method, untyped: what routing, access checks and
/// `Reflection/ListMethods` read.
public struct MethodInfo: Sendable, Equatable {
    /// Fully qualified: `huanju.billing.v1.Billing/PurchaseCodes`.
    public let name: String
    public let requestType: String
    public let responseType: String
    public let access: MethodAccess
    /// Metadata keys the router checks before the handler runs (`account-id` for a customer
    /// method, and what proto/ lists in `requires`).
    public let requiredMetadata: [String]
    /// Metadata keys the method reads when present.
    public let optionalMetadata: [String]
    public let execution: MethodExecution
    /// The method's comment in proto/, on one line.
    public let summary: String

    public init(
        name: String, requestType: String, responseType: String, access: MethodAccess, requiredMetadata: [String],
        optionalMetadata: [String], execution: MethodExecution, summary: String
    ) {
        self.name = name
        self.requestType = requestType
        self.responseType = responseType
        self.access = access
        self.requiredMetadata = requiredMetadata
        self.optionalMetadata = optionalMetadata
        self.execution = execution
        self.summary = summary
    }
}

/// One method of a service, typed by its request and response messages: generated per
/// method of proto/ (`BillingV1.BillingService.Method.purchaseCodes`), so a router and a
/// client cannot disagree about names, types, access or metadata.
public struct MethodDescriptor<Request: ProtoMessage, Response: ProtoMessage>: Sendable {
    public let info: MethodInfo

    public init(
        name: String, access: MethodAccess, requires: [String], accepts: [String], execution: MethodExecution, summary: String
    ) {
        let required = (access == .customer ? [MetadataKey.accountID] : []) + requires
        info = MethodInfo(
            name: name, requestType: Request.protoName, responseType: Response.protoName, access: access,
            requiredMetadata: required, optionalMetadata: accepts, execution: execution, summary: summary)
    }

    public var name: String { info.name }
}
