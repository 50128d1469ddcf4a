import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Synchronization
import Testing

/// Live broadcasts survive a room-session restart under load (issue 13): the real three
/// processes, five live broadcasts (a paid one and four trials, one of them full), viewers
/// joining and heartbeating throughout; room-session is killed (`kill -9`) or stopped
/// (SIGTERM) and started again while the load goes on.
@Suite(.serialized) struct RestartUnderLoadTests {
    enum Stop: String, CaseIterable, Sendable {
        case kill9
        case sigterm
    }

    /// What the load saw: answers by kind, and every admission's present count against its limit.
    final class LoadTally: Sendable {
        let ok = Atomic<Int>(0)
        let failed = Atomic<Int>(0)
        let overLimit = Atomic<Int>(0)
        let running = Atomic<Bool>(true)
    }

    struct Broadcast: Sendable {
        let id: String
        let hostToken: String
        let limit: Int
    }

    @Test(arguments: Stop.allCases)
    func liveBroadcastsSurviveARestartUnderLoad(stop: Stop) async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            // Given a paid broadcast and four trials, the first trial full (10 of 10)
            let (customer, code) = try await ScenarioBroadcastTests.hostWithBoundCode(system)
            let paidStart = try await customer.startBroadcast(with: code, device: "phone", wechat: "wx-host")
            let paid = Broadcast(id: try #require(paidStart.broadcast).broadcastID, hostToken: paidStart.hostToken,
                                 limit: Int(try #require(paidStart.broadcast).viewerLimit))
            var trials: [Broadcast] = []
            for index in 0..<4 {
                let started = try await ScenarioBroadcastTests.trial(system, wechat: "wx-trial-\(index)")
                trials.append(Broadcast(id: try #require(started.broadcast).broadcastID, hostToken: started.hostToken, limit: 10))
            }
            let full = trials[0]
            let regulars = Crowd.viewerIDs(10, first: 9_000)
            #expect(try await Crowd.join(system, broadcastID: full.id, viewers: regulars).admitted == 10)
            let loaded = [paid] + trials.dropFirst()

            // And a load of joins and heartbeats on the other four, the business clock moving 10× real time
            let tally = LoadTally()
            try await Self.underLoad(system, loaded, tally: tally) {
                try await Self.until("300 answered calls") { tally.ok.load(ordering: .relaxed) >= 300 }
            }
            // When, the load paused, the radar's write-behind has caught up with the paid room
            let before = try await Self.radar(system, paid)
            let pausedAt = ContinuousClock.now
            try await Self.until("the paid radar written") {
                try Self.storedRadar(system, paid.id) == Set(before.viewers.map { "\($0.viewerID)/\($0.visits)" })
            }
            let lag = ContinuousClock.now - pausedAt
            // …and room-session is stopped and started again while the load goes on
            let failedBefore = tally.failed.load(ordering: .relaxed)
            let okBefore = tally.ok.load(ordering: .relaxed)
            var serving = Duration.zero
            try await Self.underLoad(system, loaded, tally: tally) {
                try await Self.until("50 more answered calls") { tally.ok.load(ordering: .relaxed) >= okBefore + 50 }
                let restartBegan = ContinuousClock.now
                switch stop {
                case .kill9: await system.kill9("room-session")
                case .sigterm: #expect(await system.stop("room-session") == 0)
                }
                try await system.start("room-session")
                serving = ContinuousClock.now - restartBegan
                let okAtRestart = tally.ok.load(ordering: .relaxed)
                try await Self.until("100 answered calls after the restart") {
                    tally.ok.load(ordering: .relaxed) >= okAtRestart + 100
                }
            }
            let failedDuringRestart = tally.failed.load(ordering: .relaxed) - failedBefore

            // Then every broadcast is live under its id
            for broadcast in [paid] + trials {
                let state = try await system.roomSession().getBroadcast(
                    SessionV1.HostedBroadcastRequest(broadcastID: broadcast.id, hostToken: broadcast.hostToken))
                #expect(state.state == .live, "\(broadcast.id)")
            }
            // And no admission ever counted more viewers than its room's limit
            #expect(tally.overLimit.load(ordering: .relaxed) == 0)
            // And the full room is exactly full again once its viewers come back with newcomers
            let rejoinBegan = ContinuousClock.now
            let rejoin = try await Crowd.join(system, broadcastID: full.id, viewers: regulars + Crowd.viewerIDs(5, first: 9_500))
            let refilled = ContinuousClock.now - rejoinBegan
            #expect(rejoin.admitted == 10)
            #expect(rejoin.refused.allSatisfy { $0.code == .resourceExhausted })
            let fullState = try await system.roomSession().getBroadcast(
                SessionV1.HostedBroadcastRequest(broadcastID: full.id, hostToken: full.hostToken))
            #expect(fullState.presentViewers == 10)
            // And the paid radar kept every viewer it had, its totals the sum over its viewers
            let after = try await Self.radar(system, paid)
            #expect(Set(before.viewers.map(\.viewerID)).isSubset(of: Set(after.viewers.map(\.viewerID))))
            #expect(after.totals?.uniqueViewers == UInt32(after.viewers.count))
            #expect(after.totals?.totalWatchMs == after.viewers.reduce(0) { $0 + $1.watchMs })
            print("restart (\(stop.rawValue)): \(failedDuringRestart) calls failed during it; serving again after "
                  + "\(serving); the full room full again \(refilled) after its viewers came back; the radar written "
                  + "\(lag) after the load paused")
        }
    }

    /// Runs `body` while four workers load `broadcasts` and the business clock moves 10× real
    /// time; stops and waits for them when it returns.
    static func underLoad(
        _ system: LocalSystem, _ broadcasts: [Broadcast], tally: LoadTally, _ body: () async throws -> Void
    ) async throws {
        tally.running.store(true, ordering: .relaxed)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask { await Self.load(system, broadcasts, worker: worker, tally: tally) }
            }
            group.addTask {
                while tally.running.load(ordering: .relaxed) {
                    try system.advanceClock(by: .seconds(1))
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            do {
                try await body()
            } catch {
                tally.running.store(false, ordering: .relaxed)
                throw error
            }
            tally.running.store(false, ordering: .relaxed)
            try await group.waitForAll()
        }
    }

    /// Joins (70 %) and heartbeats of 15 viewers per worker and broadcast, until the load stops.
    static func load(_ system: LocalSystem, _ broadcasts: [Broadcast], worker: Int, tally: LoadTally) async {
        let session = system.roomSession()
        var step = worker
        while tally.running.load(ordering: .relaxed) {
            step &+= 7
            let broadcast = broadcasts[step % broadcasts.count]
            let request = SessionV1.ViewerRequest(broadcastID: broadcast.id, viewerID: "viewer-\(worker)-\(step % 15)")
            do {
                let answer = step % 10 < 7 ? try await session.join(request) : try await session.heartbeat(request)
                if answer.presentViewers > answer.viewerLimit || Int(answer.viewerLimit) != broadcast.limit {
                    tally.overLimit.add(1, ordering: .relaxed)
                }
                tally.ok.add(1, ordering: .relaxed)
            } catch let error as RPCError where [.notFound, .resourceExhausted].contains(error.code) {
                tally.ok.add(1, ordering: .relaxed)   // a heartbeat before a join, a full trial: answers
            } catch {
                tally.failed.add(1, ordering: .relaxed)
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    /// The broadcast's whole radar, as its host reads it.
    static func radar(_ system: LocalSystem, _ broadcast: Broadcast) async throws -> SessionV1.RadarResponse {
        try await system.roomSession().getRadar(
            SessionV1.RadarRequest(broadcastID: broadcast.id, hostToken: broadcast.hostToken, pageSize: 500))
    }

    /// The radar lines room-session's database holds for `broadcastID`, as "viewer/visits".
    static func storedRadar(_ system: LocalSystem, _ broadcastID: String) throws -> Set<String> {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: "\(system.dataDirectory)/room-session.sqlite", configuration: configuration)
        defer { try? database.close() }
        return try database.read { db in
            Set(try Row.fetchAll(db, sql: "SELECT viewer_id, visits FROM radar_viewers WHERE broadcast_id = ?",
                                 arguments: [broadcastID]).map { "\($0["viewer_id"] as String)/\($0["visits"] as Int)" })
        }
    }

    /// Waits until `condition` holds (at most 60 s: an upper bound on a loaded machine, not a window).
    static func until(_ what: String, _ condition: () async throws -> Bool) async throws {
        let giveUp = ContinuousClock.now + .seconds(60)
        while try await !condition() {
            guard ContinuousClock.now < giveUp else { throw RPCError(.deadlineExceeded, "gave up waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// What the buyers saw: the order each idempotency key was answered with, and the retries.
final class PurchaseTally: Sendable {
    /// Idempotency key → the order id answered OK.
    let orders = Mutex<[String: String]>([:])
    let retries = Atomic<Int>(0)
    let running = Atomic<Bool>(true)
}

/// Billing and activation restarted under a purchase load (issue 13): every purchase answered
/// OK is there afterwards, and a purchase the client retried with its idempotency key after a
/// failure is one order, never two.
@Suite(.serialized) struct PurchaseRestartTests {
    @Test(arguments: RestartUnderLoadTests.Stop.allCases)
    func purchasesSurviveRestartsOfBillingAndActivation(stop: RestartUnderLoadTests.Stop) async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let customer = try await system.approvedEnterprise("load")
            _ = try await customer.buyAnnualFee(key: "fee")
            // Given three clients buying one standard code each, in a loop, each retrying a failed
            // purchase with the same idempotency key until it is answered OK
            let tally = PurchaseTally()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for buyer in 0..<3 {
                    group.addTask {
                        var index = 0
                        while tally.running.load(ordering: .relaxed) {
                            let key = "buyer-\(buyer)-purchase-\(index)"
                            while true {
                                do {
                                    let order = try await customer.buyCodes(.standard, quantity: 1, key: key).order
                                    tally.orders.withLock { $0[key] = order?.orderID ?? "" }
                                    break
                                } catch {
                                    tally.retries.add(1, ordering: .relaxed)
                                    try await Task.sleep(for: .milliseconds(20))
                                }
                            }
                            index += 1
                        }
                    }
                }
                // When billing, then activation, are stopped and started again while they buy
                for service in ["billing", "activation"] {
                    let before = tally.orders.withLock { $0.count }
                    try await RestartUnderLoadTests.until("purchases before restarting \(service)") {
                        tally.orders.withLock { $0.count } >= before + 10
                    }
                    switch stop {
                    case .kill9: await system.kill9(service)
                    case .sigterm: #expect(await system.stop(service) == 0)
                    }
                    try await system.start(service)
                }
                let afterRestarts = tally.orders.withLock { $0.count }
                try await RestartUnderLoadTests.until("purchases after the restarts") {
                    tally.orders.withLock { $0.count } >= afterRestarts + 10
                }
                tally.running.store(false, ordering: .relaxed)
                try await group.waitForAll()
            }
            // Then every purchase answered OK is an order, and each key made exactly one
            let answered = tally.orders.withLock { $0 }
            #expect(Set(answered.values).count == answered.count)
            for (_, orderID) in answered {
                #expect(try await customer.order(orderID).orderID == orderID)
            }
            let account = try await customer.account()
            #expect(account.orders?.orderCount == UInt32(answered.count + 1))   // and the annual fee's
            // And activation issued each order's code once (the fee's gift code, then one per purchase)
            let codes = try await eventually("every code issued") {
                let codes = try await customer.codes()
                return codes.count >= answered.count + 1 ? codes : nil
            }
            #expect(codes.count == answered.count + 1)
            #expect(Set(codes.map(\.orderID)).isSuperset(of: Set(answered.values)))
            print("purchase load (\(stop.rawValue)): \(answered.count) purchases answered OK, "
                  + "\(tally.retries.load(ordering: .relaxed)) attempts retried with their key")
        }
    }
}
