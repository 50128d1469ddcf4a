import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// The codes as activation knows them: `huanju.activation.v1.Activation/GetCode`, called
/// with the customer's account id in metadata (activation answers NOT_FOUND for another
/// account's code, exactly as for an unknown one).
public struct ActivationCodeDirectory: CodeDirectory {
    let client: RPCClient

    /// A directory asking activation through `client` (its operator socket serves the
    /// customer methods too), waiting for each answer as long as the client's default deadline.
    public init(client: RPCClient) {
        self.client = client
    }

    public func code(_ codeID: String, ownedBy accountID: String) async throws -> CodeSnapshot {
        let code: CodeMessage
        do {
            code = try await client.call(
                ActivationMethods.getCode, GetCodeRequest(codeId: codeID), metadata: [MetadataKey.accountID: accountID])
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
        guard let status = code.status.domainStatus else {
            throw RPCError(.unavailable, "the activation service reported no status for code \(codeID); retry later")
        }
        return CodeSnapshot(codeID: code.codeId, status: status, capacity: Int(code.capacity))
    }
}
