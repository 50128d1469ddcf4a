/// # HuanjuRuntime
///
/// What every Huanju service process needs around its rules and its protocol:
///
/// - **Clock**: `BusinessClock`, the one source of "now" for the rules: `WallClock` by
///   default, `FileClock` (a controllable clock shared by all processes through a file) only
///   when a service is started with `--controllable-clock`.
/// - **Configuration**: `CommonOptions`, the flags and environment every service takes.
/// - **Storage**: `ServiceDatabase` opens a service's SQLite database (WAL, foreign keys,
///   `synchronous=FULL`, versioned migrations run before the sockets open).
/// - **Messaging**: `Outbox` and `Inbox` tables and the `OutboxRelay` that delivers a
///   service's messages to a peer until acknowledged, in order; the receiver applies each
///   once, keyed by message id. `WakeSignal` wakes a sleeping delivery loop when a commit
///   brings it work.
/// - **HTTP**: `HTTPPoster`, one HTTP/1.1 POST per connection with NIO's own codec (what
///   activation's webhooks are sent with; plain TCP, `http://` only).
/// - **Lifecycle**: `ServiceRuntime` bootstraps logging, the clock and health, and serves
///   a router on the service's sockets next to its background services in one
///   `ServiceGroup`, stopping gracefully on SIGTERM/SIGINT. Under systemd the sockets are
///   the socket units' (`InheritedListeners`, taken right after the runtime directory's
///   lock): they outlive the process, so a restart refuses no connection.
enum HuanjuRuntimeOverview {}
