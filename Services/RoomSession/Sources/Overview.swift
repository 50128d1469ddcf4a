/// # RoomSessionService
///
/// The room-session service owns broadcasts (rooms), live viewer presence and the data radar
/// (RULES §7–§9, SERVICES.md). Its parts:
///
/// - `Handlers/` — `RoomSessionHandlers` conforms to the generated
///   `SessionV1.RoomSessionService.Handler`; `makeRoomSessionRouter(core:health:)` registers
///   it and the standard services; `*+Wire.swift` convert between the generated wire types and
///   the service's own values.
/// - `Rules/` — `RoomSessionCore`: starting (asking activation) and ending broadcasts, hard
///   ends and fee renewals, the viewer path, the radar (`RadarListing`), the sweeper and the
///   radar flusher (`Upkeep.sweeper`, `.flusher`), recovery after a restart; with the in-memory facts
///   it keeps (`LiveBroadcasts`, `EndedBroadcasts`, `RoomSessionCore.unwritten`).
/// - `Presence/` — `PresenceEngine` and friends: every room's viewers in memory, the
///   admission hot path, lease expiry and the radar's counters.
/// - `Storage/` — `RoomSessionStore`, the one database façade (GRDB, WAL: each method one
///   transaction), `RoomSessionMigrations`, and one record per table (`BroadcastRecord`,
///   `RadarViewerRecord`).
/// - `Peers/` — `Authorizer`, and `ActivationAuthorizer` asking activation over its typed client.
/// - `runRoomSession(options:activationSocket:lease:)` — the process.
///
/// ## Decisions
///
/// - **Viewer limit**: the code's capacity when the broadcast starts. An expansion applied
///   while a broadcast is live counts from the code's next broadcast.
/// - **Hard end**: the earliest of start + 4 h, the code's validity end and the end of the
///   account's active fee term, as activation answers at start. While the fee's end is the
///   binding one, the sweeper asks activation again on every sweep (~500 ms) and moves the
///   hard end to what the answer gives, so a renewal made before the fee's end keeps the
///   broadcast going; one made after does not revive it.
/// - **One at a time**: one live broadcast per code (RULES §7); one live trial per WeChat id
///   (a device may run trials for several WeChat ids). A broadcast frees its slot the moment
///   it ends.
/// - **Who sees what**: a broadcast's host token (returned by the start, 160 random bits), or
///   the `account-id` whose code started a paid one. Anyone else gets NOT_FOUND in the same
///   words as an unknown id. A trial's radar is reachable with its host token only.
/// - **Ending**: EndBroadcast is idempotent (an ended broadcast is answered as it ended). The
///   end is recorded durably before the answer.
/// - **Never stored**: the code's text, the host's device id and WeChat id (memory only, while
///   live: the sweeper needs them to ask activation again), and the host token: only its
///   SHA-256 is stored, so that a host can read its radar after the broadcast and after a
///   restart while a copy of the database gives no host access.
/// - **Viewer path**: Join, Heartbeat and Leave run on the event loop that read the call,
///   straight into the engine; no await, no database. A viewer calling a broadcast that
///   ended and left the engine is told it ended (FAILED_PRECONDITION) for 24 h after its end,
///   NOT_FOUND after that.
/// - **Paging**: ListBroadcasts pages on (start DESC, broadcast id DESC); the radar on its
///   ranking (watch time DESC, first join ASC, viewer id ASC), live or ended alike
///   (`RadarListing`). A token must name a row of that listing. A trial's radar is one page of
///   its top 2, whatever the page size, and never has a next page.
/// - **Radar persistence**: the flusher drains the engine's changes every 5 s, at most 32,768
///   viewer lines at a time, and writes each batch in one transaction (broadcast totals, hard
///   end, end; changed viewers upserted into `radar_viewers`). A failed batch is written first
///   by the next flush. A crash loses at most the last 5 s of radar counters. Once an ended room's
///   final state is written, the room leaves the engine and its radar is read from the
///   database. A drain counts an open visit up to the viewer's last sign of life.
///
/// ## Restart policy
///
/// Live broadcasts survive a restart (a crash, an upgrade, `systemctl restart`). At start-up,
/// before the sockets open, every broadcast the database records as live is reopened with its
/// id, kind, limit, hard end, host token and radar as last flushed, and its one-at-a-time slot
/// (`RoomSessionCore.recoverAfterRestart`); one whose hard end passed while the service was
/// down ends at that hard end with its usual reason. Presence starts empty: a viewer's
/// heartbeat is told to join again (NOT_FOUND, as after a lapsed lease), and rejoins are
/// admitted under the same limit, so a full room is exactly full again, never over. A visit
/// cut by the restart closes at the viewer's last recorded activity (its last join, heartbeat
/// or leave written by a flush); the rejoin opens a new one. What a crash can lose is what the
/// flusher had not written: at most the last 5 s of radar counters; a graceful stop flushes
/// everything first. Fee-bound broadcasts are asked about again by code id
/// (`Activation/GetBroadcastBounds`), so a renewal made while the service was down still moves
/// their end, if their end has not passed. (Before session-v4 a restart ended live broadcasts
/// with `SERVICE_RESTARTED`; rows from then keep that reason.)
enum RoomSessionServiceOverview {}
