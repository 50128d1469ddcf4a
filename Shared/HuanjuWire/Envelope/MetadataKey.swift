/// Well-known metadata keys (proto/rpc.proto, `MetadataEntry`).
public enum MetadataKey {
    /// The calling customer's account id.
    public static let accountID = "account-id"
    /// The client-chosen idempotency key of a purchase.
    public static let idempotencyKey = "idempotency-key"
}
