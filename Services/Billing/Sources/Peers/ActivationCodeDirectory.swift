import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// The codes as activation knows them: `huanju.activation.v1.Activation/GetCode` through the
/// generated client, called with the customer's account id in metadata (activation answers
/// NOT_FOUND for another account's code, exactly as for an unknown one).
///
/// It sits beside the handlers, not in `Rules/`: it is billing speaking activation's wire API
/// (a generated client, `ActivationV1.Code` in, status codes mapped to billing's refusals),
/// while `Rules/CodeDirectory` says only what the ticket rules need to know.
public struct ActivationCodeDirectory: CodeDirectory {
    let activation: ActivationV1.ActivationService.Client

    /// A directory asking activation through `client` (its operator socket serves the
    /// customer methods too), waiting for each answer as long as the client's default deadline
    /// or, when shorter, the time the caller has left.
    public init(client: RPCClient) {
        activation = ActivationV1.ActivationService.Client(client)
    }

    /// Asks activation for the code, passing on the time `caller` has left as the request's
    /// deadline (activation stops when billing's caller no longer waits); maps its refusals to
    /// billing's (NOT_FOUND worded as for an unknown code, UNAVAILABLE when activation cannot
    /// answer). A cancelled caller's `CancellationError` passes through.
    public func code(_ codeID: String, ownedBy accountID: String, for caller: CallContext?) async throws -> CodeSnapshot {
        let code: ActivationV1.Code
        let own = activation.rpc.defaultDeadline
        do {
            code = try await activation.getCode(
                ActivationV1.GetCodeRequest(codeID: codeID), metadata: [MetadataKey.accountID: accountID],
                deadline: caller?.peerDeadline(own) ?? own)
        } catch let error as RPCError {
            switch error.code {
            case .notFound:
                throw DomainError.notFound("no code \(codeID) in this account")
            case .invalidArgument:
                throw DomainError.invalidArgument("code id \"\(codeID)\" is malformed: \(error.message)")
            case .unavailable, .deadlineExceeded, .cancelled:
                throw RPCError(.unavailable, "the activation service cannot be reached to check code \(codeID) "
                    + "(\(error.code): \(error.message)); nothing was changed: retry once it is back")
            default:
                throw RPCError(.unavailable, "the activation service could not report code \(codeID) "
                    + "(\(error.code): \(error.message)); nothing was changed: retry later")
            }
        }
        return try CodeSnapshot(code, asked: codeID)
    }
}
