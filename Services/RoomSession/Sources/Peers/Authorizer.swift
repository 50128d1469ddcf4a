import HuanjuAPI
import HuanjuWire

/// Asks the activation service whether a device + WeChat id may start a broadcast with a code
/// now, and with what capacity and until when at the latest
/// (`huanju.activation.v1.Activation/AuthorizeBroadcast`), and later what bounds a live
/// broadcast of that code has (`GetBroadcastBounds`). Tests pass a fake.
///
/// Throws `RPCError`s: activation's refusals with its status and message (INVALID_ARGUMENT,
/// NOT_FOUND, PERMISSION_DENIED, FAILED_PRECONDITION), and UNAVAILABLE or DEADLINE_EXCEEDED
/// when activation cannot be reached.
public protocol Authorizer: Sendable {
    /// Activation's answer for `request` from the host's account `accountID`: a code of
    /// another account is NOT_FOUND exactly like an unknown code, whatever its binding or status.
    /// `caller` is the call room-session is serving, whose remaining time bounds the question
    /// (nil outside any call: the sweep).
    func authorizeBroadcast(_ request: ActivationV1.AuthorizeBroadcastRequest, forAccount accountID: String, caller: CallContext?)
        async throws -> ActivationV1.AuthorizeBroadcastResponse

    /// The bounds a live broadcast of the code `codeID` of account `accountID` has now
    /// (`Activation/GetBroadcastBounds`): its validity end and the end of the fee term active
    /// now (0 for none). Another account's code is NOT_FOUND. Asked outside any caller's call
    /// (an account event, the sweep): the authorizer's own deadline bounds it.
    func broadcastBounds(codeID: String, forAccount accountID: String) async throws -> ActivationV1.GetBroadcastBoundsResponse
}
