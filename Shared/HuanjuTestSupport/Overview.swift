/// # HuanjuTestSupport
///
/// Helpers for the test targets: `ManualClock` for in-process tests, `TemporaryDirectory`,
/// `HungPeer` (a peer that reads calls and never answers), and `LocalSystem`, which starts
/// the real service executables on a temporary runtime and data directory with a shared
/// controllable clock, the way operators run them.
enum HuanjuTestSupportOverview {}
