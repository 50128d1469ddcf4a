// BillingService — who may buy, what was bought, what it cost (SERVICES.md, "billing").
//
// What this module owns:
// - Accounts (ENTERPRISE / INDIVIDUAL), their applications for the formal service and the
//   operators' decisions (RULES §2); annual-fee terms (§4); orders and their priced lines,
//   the ledger (§3); expansion tickets (§6). All in one SQLite database behind `BillingStore`
//   (`Storage/`), whose methods are each one transaction, over one GRDB record per table
//   (`Storage/Records/`) and the migrations in `BillingMigrations`.
// - The outbox to activation: every purchase commits together with the `BillingChange`s it
//   must deliver (fee terms changed, codes ordered — the annual fee's gift code too —,
//   expansion paid), sent as `ActivationV1.BillingEvent`s by an `OutboxRelay`, in order per
//   account. An order is PENDING fulfilment until all its messages are acknowledged, then
//   FULFILLED.
// - The handlers of `huanju.billing.v1.Billing` (`Handlers/`: `BillingHandlers`, conforming to
//   the generated `BillingV1.BillingService.Handler`, and the `…+Wire` conversions between the
//   generated messages and billing's types), registered by `makeBillingRouter`; the process
//   entry `runBilling`.
// - Its own rules and values (`Rules/`): what a retry must repeat (`PurchaseIntent`), the
//   changes it announces and the reports it accepts.
//
// What it does not own: codes. Opening and paying an expansion ticket ask activation about
// the code through a `CodeDirectory` (`Peers/`: `ActivationCodeDirectory`, the generated
// client, on the wire). Rules come from HuanjuDomain; every "now" comes from the injected `BusinessClock`.
enum BillingServiceOverview {}
