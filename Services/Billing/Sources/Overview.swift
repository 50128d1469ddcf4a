// BillingService — who may buy, what was bought, what it cost (SERVICES.md, "billing").
//
// What this module owns:
// - Accounts (ENTERPRISE / INDIVIDUAL), their applications for the formal service and the
//   operators' decisions (RULES §2); annual-fee terms (§4); orders and their priced lines,
//   the ledger (§3); expansion tickets (§6). All in one SQLite database behind `BillingStore`,
//   whose methods are each one transaction.
// - The outbox to activation: every purchase commits together with the `BillingEvent`s it
//   must deliver (fee terms changed, codes ordered — the annual fee's gift code too —,
//   expansion paid); an `OutboxRelay` delivers them. An order is PENDING fulfilment until
//   all its messages are acknowledged, then FULFILLED.
// - The handlers of `huanju.billing.v1.Billing` (`BillingHandlers`), wired into a `Router`
//   by `makeBillingRouter`, and the process entry `runBilling`.
//
// What it does not own: codes. Opening and paying an expansion ticket ask activation about
// the code through a `CodeDirectory` (`ActivationCodeDirectory` on the wire). Rules come
// from HuanjuDomain; every "now" comes from the injected `BusinessClock`.
enum BillingServiceOverview {}
