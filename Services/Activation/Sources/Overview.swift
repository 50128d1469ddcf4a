/// # ActivationService
///
/// The activation service owns activation codes (高级权限激活码): their secrets, kinds,
/// capacities, binding windows, bindings and validity; the expansions billing reports paid
/// and operators apply; its own copy of each account's annual-fee terms, fed by billing; and
/// each account's event feed.
///
/// - `Handlers/` — `ActivationHandlers`, the generated `ActivationV1.ActivationService.Handler`
///   (customer methods; `+Operators`, `+Peers`), `makeActivationRouter(…)` (the methods as
///   proto/ declares them, then the standard services), and the conversions between wire
///   and domain types (`StoredCode+Wire`, `ExpansionRecord+Wire`, `OutboxReport+Wire`…).
/// - `Storage/` — `ActivationStore`, the one database façade (GRDB, WAL): each method is one
///   transaction; `ActivationMigrations`; `Records/`, one Codable record per table (`codes`,
///   `expansions`, `fee_accounts`, `fee_terms`, `bind_failures`, `feed_events`, `webhooks`).
/// - `Rules/` — `BindRateLimit` (how many wrong codes a caller may try before binding
///   pauses), `BillingChange` and `SessionChange` (a billing or room-session event checked and
///   reduced to its one change), and the feed's rules: `FeedFacts` (the events of facts as
///   they are recorded) and `FeedClock` (the events the business clock makes due: lapses,
///   suspensions, restorations, expiries, reminders).
/// - The account's event feed (`ActivationStore+Feed`, `+Feed` handlers): every fact is
///   recorded with its feed event in the transaction that records it, after the clock's events
///   due before it; the feed clock (`Upkeep.feedClock`, every 500 ms) and every feed read record
///   the clock's events up to now, each once (ids derived from the facts; the high-water mark in
///   `feed_clock`).
/// - "Why" at any instant (`+Explain`): `ExplainBroadcastAccess` and `GetCodeTimeline` answer
///   for the owning account, as known now (fee terms, binding, applied expansions as held when
///   answering), from HuanjuDomain's `BroadcastAccessExplanation` and `CodeTimeline`, whose
///   verdict is `BroadcastPlan.paid` — what `AuthorizeBroadcast` applies — on the code as it
///   stood then. One broadcast at a time per code is not evaluated for an instant.
/// - `Rules/` also holds the webhooks' rules: `WebhookURL` (what SetWebhook accepts),
///   `WebhookSecret`, `WebhookSignature` (`Huanju-Signature`, Stripe's scheme), `WebhookEvent`
///   (the JSON body and the event type names) and `WebhookRetryPolicy` (1 s doubling to 5 min).
/// - `Webhooks/` — `WebhookSender` (one signed POST, over `HTTPPoster`) and `WebhookDelivery`,
///   the background service that sends each account's feed to its endpoint: in order, at least
///   once (the cursor in `webhooks` moves after a 2xx), each account on its own, retried with
///   backoff. README "Webhooks" documents the payload, signature and policy.
/// - `runActivation(options:billingSocket:roomSessionSocket:)` — the process: database,
///   router, sockets, the outbox relays to billing and room-session, the feed clock and the
///   webhook delivery.
///
/// Codes are issued only from billing's messages (`DeliverBillingEvent`), each applied once.
/// Every "now" comes from the injected `BusinessClock`. Logs and refusals name a code only by
/// its masked form (`HJ-…-XC`); the full text goes to its owner alone.
enum ActivationServiceOverview {}
