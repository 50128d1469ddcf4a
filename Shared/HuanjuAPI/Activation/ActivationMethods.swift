/// Fully qualified method names of `huanju.activation.v1.Activation`.
public enum ActivationMethods {
    public static let service = "huanju.activation.v1.Activation"
    /// Operator socket; billing's outbox relay.
    public static let deliverBillingEvent = "\(service)/DeliverBillingEvent"
    /// Operator socket; the room-session service.
    public static let authorizeBroadcast = "\(service)/AuthorizeBroadcast"

    // MARK: Customers (public socket, `account-id` metadata)

    /// `ListCodesRequest` → `ListCodesResponse`: the caller's codes with their status now.
    public static let listCodes = "\(service)/ListCodes"
    /// `GetCodeRequest` → `CodeMessage`: one of the caller's codes (NOT_FOUND for another account's).
    public static let getCode = "\(service)/GetCode"
    /// `BindCodeRequest` → `BindCodeResponse`: bind a code to a device id and a WeChat openid.
    public static let bindCode = "\(service)/BindCode"

    // MARK: Operators (operator socket only)

    /// `ApplyExpansionRequest` → `ApplyExpansionResponse`: apply a paid expansion.
    public static let applyExpansion = "\(service)/ApplyExpansion"
    /// `ListPendingExpansionsRequest` → `ListExpansionsResponse`: paid expansions not yet applied.
    public static let listPendingExpansions = "\(service)/ListPendingExpansions"
    /// `ListAccountCodesRequest` → `ListCodesResponse`: any account's codes (code text masked).
    public static let listAccountCodes = "\(service)/ListAccountCodes"
    /// `GetOutboxStatusRequest` → `OutboxStatusMessage`: messages to billing and their delivery.
    public static let getOutboxStatus = "\(service)/GetOutboxStatus"
}
