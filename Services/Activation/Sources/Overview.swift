/// # ActivationService
///
/// The activation service owns activation codes (高级权限激活码): their secrets, kinds,
/// capacities, binding windows, bindings and validity; the expansions billing reports paid
/// and operators apply; and its own copy of each account's annual-fee terms, fed by billing.
///
/// - `ActivationStore` — the one database façade (GRDB, WAL): each method is one transaction.
/// - `BindRateLimit` — how many wrong codes a caller may try before binding pauses.
/// - `makeActivationRouter(…)` — the `huanju.activation.v1.Activation` methods on a `Router`,
///   for the executable and for in-process tests.
/// - `runActivation(options:billingSocket:)` — the process: database, router, sockets and the
///   outbox relay to billing.
///
/// Codes are issued only from billing's messages (`DeliverBillingEvent`), each applied once.
/// Every "now" comes from the injected `BusinessClock`. Logs and refusals name a code only by
/// its masked form (`HJ-…-XC`); the full text goes to its owner alone.
enum ActivationServiceOverview {}
