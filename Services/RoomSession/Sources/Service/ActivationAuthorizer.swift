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

    /// Calls `Activation/AuthorizeBroadcast` with the host's account as `account-id` metadata;
    /// throws its refusal, or UNAVAILABLE / DEADLINE_EXCEEDED.
    public func authorizeBroadcast(_ request: AuthorizeBroadcastRequest, forAccount accountID: String) async throws
        -> AuthorizeBroadcastResponse {
        try await client.call(
            ActivationMethods.authorizeBroadcast, request, metadata: [MetadataKey.accountID: accountID], deadline: deadline)
    }
}
