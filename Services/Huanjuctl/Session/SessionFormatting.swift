import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Readable output for the room-session commands (instants in CST).
enum SessionFormatting {
    static func started(_ response: StartBroadcastResponse, json: Bool) throws {
        if json { return try Output.json(response) }
        guard let broadcast = response.broadcast else { return print("Started (no broadcast in the answer).") }
        print("Started broadcast \(broadcast.broadcastId).")
        details(broadcast)
        print("")
        Output.fields([("Host token", response.hostToken)])
        print("Keep the host token: it ends the broadcast and reads its radar (--token).")
    }

    static func details(_ broadcast: BroadcastMessage) {
        var pairs: [(String, String)] = [
            ("Broadcast", broadcast.broadcastId),
            ("Kind", kind(broadcast.kind)),
            ("State", state(broadcast)),
        ]
        if !broadcast.title.isEmpty { pairs.append(("Title", broadcast.title)) }
        if broadcast.kind == .paid {
            pairs += [("Account", broadcast.accountId), ("Code id", broadcast.codeId)]
        }
        pairs += [
            ("Viewers", "\(broadcast.presentViewers) present, peak \(broadcast.peakViewers), limit \(broadcast.viewerLimit)"),
            ("Started", "\(broadcast.startedAtMs)"),
            ("Ends by", "\(broadcast.endsAtMs)"),
        ]
        if broadcast.state == .ended {
            pairs.append(("Ended", "\(broadcast.endedAtMs) (\(reason(broadcast.endReason)))"))
        }
        Output.fields(pairs)
    }

    static func table(_ broadcasts: [BroadcastMessage]) {
        if broadcasts.isEmpty { return print("No broadcasts.") }
        Output.table(
            ["BROADCAST", "STATE", "CODE ID", "PRESENT", "PEAK", "LIMIT", "STARTED", "ENDS BY / ENDED", "TITLE"],
            broadcasts.map { broadcast in
                [broadcast.broadcastId, state(broadcast), broadcast.codeId, "\(broadcast.presentViewers)",
                 "\(broadcast.peakViewers)", "\(broadcast.viewerLimit)", "\(broadcast.startedAtMs)",
                 broadcast.state == .ended ? "\(broadcast.endedAtMs)" : "\(broadcast.endsAtMs)", broadcast.title]
            })
    }

    static func radar(_ radar: RadarResponse) {
        if let broadcast = radar.broadcast {
            print("Data radar of \(broadcast.broadcastId) (\(kind(broadcast.kind)), \(state(broadcast)))")
        }
        if let totals = radar.totals {
            Output.fields([
                ("Started", "\(totals.startedAtMs)"),
                ("Ended", totals.endedAtMs.unixMilliseconds == 0 ? "still live" : "\(totals.endedAtMs)"),
                ("Peak viewers", "\(totals.peakViewers)"),
                ("Unique viewers", "\(totals.uniqueViewers)"),
                ("Total watch time", "\(TimeSpan.milliseconds(totals.totalWatchMs))"),
            ])
        }
        print("")
        if radar.viewers.isEmpty {
            print("No viewers on this page.")
        } else {
            Output.table(["RANK", "VIEWER", "WATCHED", "VISITS", "FIRST JOIN", "LAST SEEN"], radar.viewers.map {
                ["\($0.rank)", $0.viewerId, "\(TimeSpan.milliseconds($0.watchMs))", "\($0.visits)", "\($0.firstJoinMs)",
                 "\($0.lastSeenMs)"]
            })
        }
        if radar.redacted { print("\nTrial broadcast: only the top 2 viewers are shown; the totals cover every viewer.") }
        if !radar.nextPageToken.isEmpty { print("\nMore: --page-token \(radar.nextPageToken)") }
    }

    static func viewerCall(_ method: String, _ viewer: SessionCommands.ViewerArguments, _ connection: ConnectionOptions) async throws {
        let response: ViewerResponse = try await connection.call(
            SessionCommands.service, method, ViewerRequest(broadcastId: viewer.broadcast, viewerId: viewer.viewer))
        if connection.json { return try Output.json(response) }
        var line = "\(viewer.viewer): \(response.presentViewers) of \(response.viewerLimit) viewers present"
        if response.leaseExpiresAtMs.unixMilliseconds != 0 {
            line += "; send a heartbeat before \(response.leaseExpiresAtMs)"
        }
        print(line)
    }

    static func kind(_ kind: BroadcastKindMessage) -> String {
        switch kind {
        case .paid: "paid"
        case .trial: "trial"
        case .unspecified: "?"
        }
    }

    static func state(_ broadcast: BroadcastMessage) -> String {
        switch broadcast.state {
        case .live: "LIVE"
        case .ended: "ENDED"
        case .unspecified: "?"
        }
    }

    static func reason(_ reason: EndReasonMessage) -> String {
        switch reason {
        case .hostEnded: "ended by the host"
        case .maxDuration: "4-hour limit reached"
        case .codeExpired: "the code expired"
        case .feeLapsed: "the annual fee lapsed"
        case .serviceRestarted: "the service restarted"
        case .unspecified: "?"
        }
    }
}
