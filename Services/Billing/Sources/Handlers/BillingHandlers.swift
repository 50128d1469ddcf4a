import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuWire

/// The handlers of `huanju.billing.v1.Billing`, one function per method of the generated
/// `BillingV1.BillingService.Handler`: decode nothing, know no transport; each reads "now"
/// once from the clock, asks the store (and, for tickets, the code directory) and answers a
/// generated message, converted from the domain by the `…+Wire` files. Errors are
/// `DomainError`s (mapped to their status) or `RPCError`s. Customers' methods are in
/// `BillingHandlers+Customers`, operators' and the peer's in `BillingHandlers+Operators`.
struct BillingHandlers: BillingV1.BillingService.Handler {
    let store: BillingStore
    let clock: any BusinessClock
    let codes: any CodeDirectory

    /// The longest idempotency key accepted, in bytes.
    static let maxKeyLength = 200
    /// The shortest idempotency key `RegisterAccount` accepts, in bytes: its keys are not
    /// scoped to an account, so they must be hard to guess (a UUID is 36).
    static let minRegistrationKeyLength = 16

    /// The caller's idempotency key (the router checked it is present), bounded in length.
    static func idempotencyKey(_ context: CallContext) throws -> String {
        try checkedKey(try context.requireIdempotencyKey(), minimum: 1)
    }

    /// `key` when it is `minimum`…200 bytes long, else `invalidArgument`.
    static func checkedKey(_ key: String, minimum: Int) throws(DomainError) -> String {
        guard (minimum...maxKeyLength).contains(key.utf8.count) else {
            throw .invalidArgument(
                "idempotency-key must be \(minimum)–\(maxKeyLength) bytes long; got \(key.utf8.count): use a UUID or similar")
        }
        return key
    }

    /// A required id field, or `invalidArgument` naming it.
    static func requiredID(_ value: String, field: String) throws(DomainError) -> String {
        guard !value.isEmpty else { throw .invalidArgument("\(field) is required") }
        return value
    }
}
