import HuanjuDomain
import HuanjuWire

/// What billing needs to know about a customer's code before opening or paying an
/// expansion ticket. Billing does not own codes: activation does.
public struct CodeSnapshot: Sendable, Equatable {
    public let codeID: String
    /// The code's status at the directory's now (RULES §5).
    public let status: CodeStatus
    /// Concurrent viewers the code admits now.
    public let capacity: Int

    /// A code as the directory reports it.
    public init(codeID: String, status: CodeStatus, capacity: Int) {
        self.codeID = codeID
        self.status = status
        self.capacity = capacity
    }
}

/// Where billing looks up a customer's code: activation's `GetCode` on the wire
/// (`ActivationCodeDirectory`, beside the handlers), or an in-memory table in tests.
///
/// The ticket rules need only this question answered; it lives in `Rules/` so that what
/// billing asks stays apart from how it asks (the wire client is the handlers' business).
public protocol CodeDirectory: Sendable {
    /// The code `codeID` of account `accountID`, asked on behalf of `caller`: the call billing
    /// is serving, whose remaining time bounds the question (nil outside any call).
    ///
    /// - Throws: `DomainError.notFound` when the code does not exist or is another
    ///   account's (the same answer for both); `RPCError(.unavailable, …)` when the directory
    ///   cannot be reached.
    func code(_ codeID: String, ownedBy accountID: String, for caller: CallContext?) async throws -> CodeSnapshot
}
