import HuanjuAPI
import HuanjuWire
import NIOCore

/// The real `Authorizer`: the activation service's operator socket, over the wire.
public struct ActivationAuthorizer: Authorizer {
    /// A client of `activation-admin.sock`.
    public let client: RPCClient
    /// How long one question may take before it counts as unreachable.
    public let deadline: TimeAmount

    /// An authorizer asking through `client`.
    public init(client: RPCClient, deadline: TimeAmount = .seconds(5)) {
        self.client = client
        self.deadline = deadline
    }

    /// Calls `Activation/AuthorizeBroadcast`; throws its refusal, or UNAVAILABLE / DEADLINE_EXCEEDED.
    public func authorizeBroadcast(_ request: AuthorizeBroadcastRequest) async throws -> AuthorizeBroadcastResponse {
        try await client.call(ActivationMethods.authorizeBroadcast, request, deadline: deadline)
    }
}
