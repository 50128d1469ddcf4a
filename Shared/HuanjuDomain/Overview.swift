// HuanjuDomain — the rulebook (spec/RULES.md §1–§9) as pure Swift values.
//
// What this module owns:
// - Time (§1): `Instant` (UTC Unix milliseconds), `TimeSpan`, and `ChinaTime`, the calendar
//   arithmetic in China Standard Time (UTC+08:00) done with exact integer civil-date algorithms.
//   End instants are exclusive everywhere.
// - Accounts and approval (§2): `AccountKind`, `Application`, `ApplicationStatus`,
//   `WorkingDays`, `PurchaseEligibility`.
// - Money (§3): `Fen`, `Catalog`, `ConcurrencyAddOn`, `PurchaseRequest`, `OrderQuote`,
//   `OrderLine`, `OrderLimits`, `RefundPolicy`.
// - The annual fee (§4): `FeeTerm`, `FeeSchedule`, `FeePurchase`.
// - Activation codes (§5): `CodeKind`, `ActivationCode`, `CodeBinding`, `CodeStatus`, and the
//   secret that names a code, `CodeSecret` (Crockford base32 with a check character).
// - Expansion (§6): `ExpansionTicket`, `ExpansionTicketState`.
// - Broadcasts and viewers (§7, §8): `BroadcastRules`, `BroadcastPlan`, `Admission`,
//   and `RoomPresence`, a small reference implementation of the admission and lease rules.
// - "Why" at any instant: `BroadcastAccessExplanation` (what starting a broadcast would have
//   answered then, from `BroadcastPlan`'s own rules, and the chain behind it: `FeeStanding`,
//   `BindingMatch`, `BroadcastHardEnd`, `NextStatusChange`) and `CodeTimeline` (a code's
//   statuses over its life), both as known now.
// - Data radar (§9): `ViewerStats`, `BroadcastTotals`, `Radar`, `RadarPage`.
// - Errors: one `DomainError` whose code numbers are gRPC's, and whose messages say what
//   failed, the instant or limit involved (in CST) and what would make it succeed.
//
// What it does not own: storage, the wire, clocks and logging. Every rule takes "now" as a
// parameter; only the runtime asks a clock. Nothing here performs I/O, and every public type
// is a `Sendable` value.
