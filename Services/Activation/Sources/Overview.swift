/// # ActivationService
///
/// The activation service owns activation codes (高级权限激活码): their secrets, kinds,
/// capacities, binding windows, bindings and validity; the expansions billing reports paid
/// and operators apply; and its own copy of each account's annual-fee terms, fed by billing.
///
/// - `Handlers/` — `ActivationHandlers`, the generated `ActivationV1.ActivationService.Handler`
///   (customer methods; `+Operators`, `+Peers`), `makeActivationRouter(…)` (the methods as
///   proto/ declares them, then the standard services), and the conversions between wire
///   and domain types (`StoredCode+Wire`, `ExpansionRecord+Wire`, `OutboxReport+Wire`…).
/// - `Storage/` — `ActivationStore`, the one database façade (GRDB, WAL): each method is one
///   transaction; `ActivationMigrations`; `Records/`, one Codable record per table (`codes`,
///   `expansions`, `fee_accounts`, `fee_terms`, `bind_failures`).
/// - `Rules/` — `BindRateLimit` (how many wrong codes a caller may try before binding
///   pauses) and `BillingChange` (a billing event checked and reduced to its one change).
/// - "Why" at any instant (`+Explain`): `ExplainBroadcastAccess` and `GetCodeTimeline` answer
///   for the owning account, as known now (fee terms, binding, applied expansions as held when
///   answering), from HuanjuDomain's `BroadcastAccessExplanation` and `CodeTimeline`, whose
///   verdict is `BroadcastPlan.paid` — what `AuthorizeBroadcast` applies — on the code as it
///   stood then. One broadcast at a time per code is not evaluated for an instant.
/// - `runActivation(options:billingSocket:)` — the process: database, router, sockets and the
///   outbox relay to billing.
///
/// Codes are issued only from billing's messages (`DeliverBillingEvent`), each applied once.
/// Every "now" comes from the injected `BusinessClock`. Logs and refusals name a code only by
/// its masked form (`HJ-…-XC`); the full text goes to its owner alone.
enum ActivationServiceOverview {}
