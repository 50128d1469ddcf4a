/// Whether a method is accepted on the public socket or only on the operator socket.
public enum MethodAccess: Sendable, Equatable {
    case publicMethod
    case operatorOnly
}

/// One method a service serves: its description and its type-erased handler.
public struct Route: Sendable {
    /// What `huanju.reflection.v1.Reflection/ListMethods` says about the method.
    public let description: MethodDescription

    /// How the handler runs.
    enum Invocation: Sendable {
        /// Synchronously on the connection's event loop: no thread hop (the viewer hot path).
        /// The handler must be quick and must not block.
        case onEventLoop(@Sendable ([UInt8], CallContext) throws -> [UInt8])
        /// As a child task of the server's task group (anything that awaits, e.g. storage).
        case concurrent(@Sendable ([UInt8], CallContext) async throws -> [UInt8])
    }

    let invocation: Invocation
    /// Calls by status and latency, recorded when each call is answered.
    public let stats: MethodStats
    var operatorOnly: Bool { description.operatorOnly }

    init(description: MethodDescription, invocation: Invocation) {
        self.description = description
        self.invocation = invocation
        stats = MethodStats(method: description.name)
    }
}

/// Maps `package.Service/Method` names to typed handlers. Handlers see Swift message values
/// and a `CallContext`, never NIO or C types.
public struct Router: Sendable {
    /// The service's short name ("billing"), reported by the method list.
    public let serviceName: String
    private var routes: [String: Route] = [:]
    /// Calls to methods this router does not know.
    public let unknownMethodStats = MethodStats(method: "unknown")

    public init(serviceName: String) {
        self.serviceName = serviceName
    }

    /// The route for a fully qualified method name.
    public func route(for method: String) -> Route? {
        routes[method]
    }

    /// Every method's statistics, the unknown-method bucket included.
    public var allStats: [MethodStats] {
        routes.values.map(\.stats) + [unknownMethodStats]
    }

    /// Every method, sorted by name.
    public var methods: [MethodDescription] {
        routes.values.map(\.description).sorted { $0.name < $1.name }
    }

    /// Registers a handler that may await; it runs concurrently with the connection's other calls.
    /// `requires` lists metadata keys the server checks before the handler runs.
    public mutating func register<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        access: MethodAccess = .publicMethod,
        requires: [String] = [],
        handler: @escaping @Sendable (Request, CallContext) async throws -> Response
    ) {
        let requestDescriptor = Self.descriptor(of: Request.self)
        add(Route(
            description: Self.describe(method, Request.self, Response.self, access, requires),
            invocation: .concurrent { payload, context in
                try Self.check(requires, in: context)
                let request: Request = try Self.decode(payload, as: requestDescriptor)
                return try Self.encode(try await handler(request, context))
            }))
    }

    /// Registers a quick, non-blocking handler that runs on the event loop that read the call.
    public mutating func registerOnEventLoop<Request: WireMessage, Response: WireMessage>(
        _ method: String,
        access: MethodAccess = .publicMethod,
        requires: [String] = [],
        handler: @escaping @Sendable (Request, CallContext) throws -> Response
    ) {
        let requestDescriptor = Self.descriptor(of: Request.self)
        add(Route(
            description: Self.describe(method, Request.self, Response.self, access, requires),
            invocation: .onEventLoop { payload, context in
                try Self.check(requires, in: context)
                let request: Request = try Self.decode(payload, as: requestDescriptor)
                return try Self.encode(try handler(request, context))
            }))
    }

    private mutating func add(_ route: Route) {
        precondition(routes[route.description.name] == nil, "\(route.description.name) registered twice")
        routes[route.description.name] = route
    }

    private static func describe<Request: WireMessage, Response: WireMessage>(
        _ method: String, _: Request.Type, _: Response.Type, _ access: MethodAccess, _ requires: [String]
    ) -> MethodDescription {
        MethodDescription(name: method, requestType: Request.protoName, responseType: Response.protoName,
                          operatorOnly: access == .operatorOnly, requiredMetadata: requires)
    }

    private static func check(_ required: [String], in context: CallContext) throws {
        for key in required {
            switch key {
            case MetadataKey.accountID: _ = try context.requireAccountID()
            case MetadataKey.idempotencyKey: _ = try context.requireIdempotencyKey()
            default:
                guard let value = context.metadata[key], !value.isEmpty else {
                    throw RPCError(.invalidArgument, "\(context.method) needs metadata key '\(key)'")
                }
            }
        }
    }

    /// The descriptor of a request type; every method's request is a message of proto/ that
    /// proto/ declares the limits of (a programming error otherwise, caught at start-up).
    private static func descriptor<Request: WireMessage>(of _: Request.Type) -> MessageDescriptor {
        guard let descriptor = MessageDescriptor.named(Request.protoName), FieldRules.covers(message: Request.protoName) else {
            preconditionFailure("\(Request.protoName) is not a request message of proto/ (no descriptor or no field rules)")
        }
        return descriptor
    }

    /// The request, after its bytes passed proto/'s rules (`MessageValidator`).
    private static func decode<Request: WireMessage>(_ payload: [UInt8], as descriptor: MessageDescriptor) throws -> Request {
        do {
            try MessageValidator.validate(payload, as: descriptor)
        } catch {
            throw RPCError(.invalidArgument, "invalid \(Request.protoName): \(error)")
        }
        do {
            return try Request(serializedBytes: payload)
        } catch {
            throw RPCError(.invalidArgument, "the payload is not a valid \(Request.protoName): \(error)")
        }
    }

    private static func encode<Response: WireMessage>(_ response: Response) throws -> [UInt8] {
        do {
            return try response.serializedBytes()
        } catch {
            throw RPCError(.internalError, "the service could not encode its \(Response.protoName): \(error)")
        }
    }
}
