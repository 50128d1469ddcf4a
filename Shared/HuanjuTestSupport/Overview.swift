/// # HuanjuTestSupport
///
/// Helpers for the test targets: `ManualClock` for in-process tests, `TemporaryDirectory`,
/// `HungPeer` (a peer that reads calls and never answers), `WebhookReceiver` (an HTTP endpoint
/// on loopback that records what it is sent and answers as told), and `LocalSystem`, which starts
/// the real service executables on a temporary runtime and data directory with a shared
/// controllable clock, the way operators run them.
enum HuanjuTestSupportOverview {}
