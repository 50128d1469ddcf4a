import HuanjuAPI
import HuanjuWire
import NIOCore

/// The real `Authorizer`: the activation service's operator socket, over the wire.
public struct ActivationAuthorizer: Authorizer {
    /// Activation's typed client over `activation-admin.sock`.
    public let activation: ActivationV1.ActivationService.Client
    /// How long one question may take before it counts as unreachable (less when the caller
    /// has less time left).
    public let deadline: TimeAmount

    /// An authorizer asking through `client`.
    public init(client: RPCClient, deadline: TimeAmount = .seconds(5)) {
        activation = ActivationV1.ActivationService.Client(client)
        self.deadline = deadline
    }

    /// Calls `Activation/AuthorizeBroadcast` with the host's account as `account-id` metadata,
    /// within `deadline` or the time `caller` has left if shorter (activation stops when the
    /// host no longer waits); throws its refusal, or UNAVAILABLE / DEADLINE_EXCEEDED, or
    /// `CancellationError` when the caller is cancelled.
    public func authorizeBroadcast(_ request: ActivationV1.AuthorizeBroadcastRequest, forAccount accountID: String, caller: CallContext?)
        async throws -> ActivationV1.AuthorizeBroadcastResponse {
        try await activation.authorizeBroadcast(
            request, metadata: [MetadataKey.accountID: accountID], deadline: caller?.peerDeadline(deadline) ?? deadline)
    }

    /// Calls `Activation/GetBroadcastBounds` as the broadcast's account.
    public func broadcastBounds(codeID: String, forAccount accountID: String) async throws
        -> ActivationV1.GetBroadcastBoundsResponse {
        try await activation.getBroadcastBounds(
            ActivationV1.GetBroadcastBoundsRequest(codeID: codeID), metadata: [MetadataKey.accountID: accountID],
            deadline: deadline)
    }
}
