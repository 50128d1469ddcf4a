import HuanjuAPI
import HuanjuDomain
import HuanjuWire

/// Readable output for the room-session commands (instants in CST).
enum SessionFormatting {
    static func started(_ response: SessionV1.StartBroadcastResponse, json: Bool) throws {
        if json { return try Output.json(response) }
        guard let broadcast = response.broadcast else { return print("Started (no broadcast in the answer).") }
        print("Started broadcast \(broadcast.broadcastID).")
        details(broadcast)
        print("")
        Output.fields([("Host token", response.hostToken)])
        print("Keep the host token: it ends the broadcast and reads its radar (--token).")
    }

    static func details(_ broadcast: SessionV1.Broadcast) {
        var pairs: [(String, String)] = [
            ("Broadcast", broadcast.broadcastID),
            ("Kind", kind(broadcast.kind)),
            ("State", state(broadcast)),
        ]
        if !broadcast.title.isEmpty { pairs.append(("Title", broadcast.title)) }
        if broadcast.kind == .paid {
            pairs += [("Account", broadcast.accountID), ("Code id", broadcast.codeID)]
        }
        pairs += [
            ("Viewers", "\(broadcast.presentViewers) present, peak \(broadcast.peakViewers), limit \(broadcast.viewerLimit)"),
            ("Started", cst(broadcast.startedAtMs)),
            ("Ends by", cst(broadcast.endsAtMs)),
        ]
        if broadcast.state == .ended {
            pairs.append(("Ended", "\(cst(broadcast.endedAtMs)) (\(reason(broadcast.endReason)))"))
        }
        Output.fields(pairs)
    }

    static func table(_ broadcasts: [SessionV1.Broadcast]) {
        if broadcasts.isEmpty { return print("No broadcasts.") }
        Output.table(
            ["BROADCAST", "STATE", "CODE ID", "PRESENT", "PEAK", "LIMIT", "STARTED", "ENDS BY / ENDED", "TITLE"],
            broadcasts.map { broadcast in
                [broadcast.broadcastID, state(broadcast), broadcast.codeID, "\(broadcast.presentViewers)",
                 "\(broadcast.peakViewers)", "\(broadcast.viewerLimit)", cst(broadcast.startedAtMs),
                 broadcast.state == .ended ? cst(broadcast.endedAtMs) : cst(broadcast.endsAtMs), broadcast.title]
            })
    }

    static func radar(_ radar: SessionV1.RadarResponse) {
        if let broadcast = radar.broadcast {
            print("Data radar of \(broadcast.broadcastID) (\(kind(broadcast.kind)), \(state(broadcast)))")
        }
        if let totals = radar.totals {
            Output.fields([
                ("Started", cst(totals.startedAtMs)),
                ("Ended", totals.endedAtMs == 0 ? "still live" : cst(totals.endedAtMs)),
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
                ["\($0.rank)", $0.viewerID, "\(TimeSpan.milliseconds($0.watchMs))", "\($0.visits)", cst($0.firstJoinMs),
                 cst($0.lastSeenMs)]
            })
        }
        if radar.redacted { print("\nTrial broadcast: only the top 2 viewers are shown; the totals cover every viewer.") }
        if !radar.nextPageToken.isEmpty { print("\nMore: --page-token \(radar.nextPageToken)") }
    }

    /// Calls a viewer method (`Join`, `Heartbeat`, `Leave`) for `viewer` and prints the room's count.
    static func viewerCall(
        _ method: MethodDescriptor<SessionV1.ViewerRequest, SessionV1.ViewerResponse>, _ viewer: SessionCommands.ViewerArguments,
        _ connection: ConnectionOptions
    ) async throws {
        let response = try await connection.call(
            SessionCommands.service, method, SessionV1.ViewerRequest(broadcastID: viewer.broadcast, viewerID: viewer.viewer))
        if connection.json { return try Output.json(response) }
        var line = "\(viewer.viewer): \(response.presentViewers) of \(response.viewerLimit) viewers present"
        if response.leaseExpiresAtMs != 0 {
            line += "; send a heartbeat before \(cst(response.leaseExpiresAtMs))"
        }
        print(line)
    }

    static func kind(_ kind: SessionV1.BroadcastKind) -> String {
        switch kind {
        case .paid: "paid"
        case .trial: "trial"
        case .unspecified: "?"
        case .unrecognized: kind.protoValueName
        }
    }

    static func state(_ broadcast: SessionV1.Broadcast) -> String {
        switch broadcast.state {
        case .live: "LIVE"
        case .ended: "ENDED"
        case .unspecified: "?"
        case .unrecognized: broadcast.state.protoValueName
        }
    }

    /// `2020-03-01 12:00 CST` for an instant in Unix milliseconds.
    static func cst(_ unixMilliseconds: Int64) -> String {
        "\(Instant(unixMilliseconds: unixMilliseconds))"
    }

    static func reason(_ reason: SessionV1.EndReason) -> String {
        switch reason {
        case .hostEnded: "ended by the host"
        case .maxDuration: "4-hour limit reached"
        case .codeExpired: "the code expired"
        case .feeLapsed: "the annual fee lapsed"
        case .serviceRestarted: "the service restarted"
        case .unspecified: "?"
        case .unrecognized: reason.protoValueName
        }
    }
}
