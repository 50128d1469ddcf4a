import HuanjuWire

/// A command that calls methods of the services. `methods` names every method it may call, so
/// that a test can check that huanjuctl's command list agrees with the methods proto/ declares
/// (`HuanjuctlMethodCoverageTests`).
protocol CallingCommand {
    /// Every method the command may call.
    static var methods: [MethodInfo] { get }
}

/// A command that calls one method: `method`, which its `run` passes to
/// `ConnectionOptions.call`, so that what it declares is what it calls.
protocol SingleMethodCommand: CallingCommand {
    associatedtype Request: ProtoMessage
    associatedtype Response: ProtoMessage

    /// The method the command calls.
    static var method: MethodDescriptor<Request, Response> { get }
}

extension SingleMethodCommand {
    static var methods: [MethodInfo] { [method.info] }
}
