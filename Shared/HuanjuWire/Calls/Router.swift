/// One method a service serves: what proto/ declares about it and its type-erased handler.
public struct Route: Sendable {
    /// Name, types, access, metadata and execution (what `Reflection/ListMethods` lists).
    public let info: MethodInfo

    /// How the handler runs.
    enum Invocation: Sendable {
        /// Synchronously on the connection's event loop: no thread hop (the viewer hot path).
        /// The handler must be quick and must not block.
        case onEventLoop(@Sendable ([UInt8], CallContext) throws -> [UInt8])
        /// As a child task of the server's task group (anything that awaits, e.g. storage).
        case concurrent(@Sendable ([UInt8], CallContext) async throws -> [UInt8])
    }

    let invocation: Invocation
    /// The method's number in the router's `CallStatistics`.
    let statisticsIndex: Int
    var operatorOnly: Bool { info.access.isOperatorSocketOnly }

    init(info: MethodInfo, invocation: Invocation, statisticsIndex: Int) {
        self.info = info
        self.invocation = invocation
        self.statisticsIndex = statisticsIndex
    }
}

/// Maps `package.Service/Method` names to typed handlers. Handlers see Swift message values
/// and a `CallContext`, never NIO or C types. Services fill it from the generated method
/// descriptors (`<Service>Service.register(_:in:)`), so what is served, who may call it and
/// which metadata it needs are exactly what proto/ declares.
public struct Router: Sendable {
    /// The service's short name ("billing"), reported by the method list.
    public let serviceName: String
    private var routes: [String: Route] = [:]
    /// Calls answered by the server serving this router, by method, status and latency.
    public let statistics = CallStatistics()

    public init(serviceName: String) {
        self.serviceName = serviceName
    }

    /// The route for a fully qualified method name.
    public func route(for method: String) -> Route? {
        routes[method]
    }

    /// Every method, sorted by name.
    public var methods: [MethodInfo] {
        routes.values.map(\.info).sorted { $0.name < $1.name }
    }

    // MARK: Registering generated methods

    /// Registers a method whose handler may await; it runs concurrently with the
    /// connection's other calls. Access and required metadata are checked before it runs.
    public mutating func register<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        handler: @escaping @Sendable (Request, CallContext) async throws -> Response
    ) {
        add(method.info, handler)
    }

    /// Registers a quick, non-blocking method that runs on the event loop that read the call.
    public mutating func registerOnEventLoop<Request, Response>(
        _ method: MethodDescriptor<Request, Response>,
        handler: @escaping @Sendable (Request, CallContext) throws -> Response
    ) {
        addOnEventLoop(method.info, handler)
    }

    // MARK: Routes

    private mutating func add<Request: ProtoMessage, Response: ProtoMessage>(
        _ info: MethodInfo, _ handler: @escaping @Sendable (Request, CallContext) async throws -> Response
    ) {
        let descriptor = Self.descriptor(of: Request.self)
        add(info, .concurrent { payload, context in
            try Self.check(info.requiredMetadata, in: context)
            let request: Request = try Self.decode(payload, as: descriptor)
            return Self.encode(try await handler(request, context))
        })
    }

    private mutating func addOnEventLoop<Request: ProtoMessage, Response: ProtoMessage>(
        _ info: MethodInfo, _ handler: @escaping @Sendable (Request, CallContext) throws -> Response
    ) {
        let descriptor = Self.descriptor(of: Request.self)
        add(info, .onEventLoop { payload, context in
            try Self.check(info.requiredMetadata, in: context)
            let request: Request = try Self.decode(payload, as: descriptor)
            return Self.encode(try handler(request, context))
        })
    }

    private mutating func add(_ info: MethodInfo, _ invocation: Route.Invocation) {
        precondition(routes[info.name] == nil, "\(info.name) registered twice")
        routes[info.name] = Route(info: info, invocation: invocation, statisticsIndex: statistics.register(method: info.name))
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
    private static func descriptor<Request: ProtoMessage>(of _: Request.Type) -> MessageDescriptor {
        guard let descriptor = MessageDescriptor.named(Request.protoName), FieldRules.covers(message: Request.protoName) else {
            preconditionFailure("\(Request.protoName) is not a request message of proto/ (no descriptor or no field rules)")
        }
        return descriptor
    }

    /// The request, after its bytes passed proto/'s rules (`MessageValidator`).
    private static func decode<Request: ProtoMessage>(_ payload: [UInt8], as descriptor: MessageDescriptor) throws -> Request {
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

    private static func encode<Response: ProtoMessage>(_ response: Response) -> [UInt8] {
        response.serializedBytes()
    }
}
