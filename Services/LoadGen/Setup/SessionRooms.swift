import ArgumentParser
import HuanjuAPI
import HuanjuWire

/// The live rooms a session run drives, opened through the service's own methods.
///
/// - `paid`: `StartBroadcast` for each room with a code `HJ-BENCH-<limit>-<tag>-<room>`, as
///   account `acc_BENCH`. The session service asks activation to authorize it; in `make bench`
///   that peer is `huanju-loadgen stub-activation`, which grants each code the capacity its
///   text names (see `StubActivationCommand`). Rooms get the population's limits.
/// - `trial`: `StartTrialBroadcast` (no activation needed), one WeChat id per room; every room
///   admits 10 viewers (RULES §8), so nearly every room is full.
struct SessionRooms: Sendable {
    /// How rooms are opened.
    enum Setup: String, ExpressibleByArgument, CaseIterable, Sendable {
        case paid
        case trial
    }

    /// The account paid rooms belong to (the stub activation names it as the codes' owner).
    static let account = "acc_BENCH"

    let broadcastIDs: [String]
    let hostTokens: [String]
    /// Each room's viewer limit as the service reported it.
    let limits: [Int]

    /// Opens `population.rooms` rooms on the service's public socket `socketPath`; `tag` keeps
    /// codes and WeChat ids of different runs apart (a code runs one broadcast at a time).
    static func open(socketPath: String, population: Population, setup: Setup, tag: String) async throws -> SessionRooms {
        let client = RPCClient(socketPath: socketPath, defaultDeadline: .seconds(10))
        do {
            let rooms = try await open(client: client, population: population, setup: setup, tag: tag)
            await client.close()
            return rooms
        } catch {
            await client.close()
            throw error
        }
    }

    private static func open(client: RPCClient, population: Population, setup: Setup, tag: String) async throws -> SessionRooms {
        let session = SessionV1.RoomSessionService.Client(client)
        var ids: [String] = []
        var tokens: [String] = []
        var limits: [Int] = []
        for room in 0..<population.rooms {
            let response: SessionV1.StartBroadcastResponse
            switch setup {
            case .paid:
                response = try await session.startBroadcast(
                    SessionV1.StartBroadcastRequest(
                        code: "HJ-BENCH-\(population.limit(of: room))-\(tag)-\(room)", deviceID: "dev_bench_\(tag)_\(room)",
                        wechatOpenid: "wx_bench_\(tag)_\(room)", title: "bench room \(room)"),
                    metadata: [MetadataKey.accountID: account])
            case .trial:
                response = try await session.startTrialBroadcast(
                    SessionV1.StartTrialBroadcastRequest(
                        deviceID: "dev_bench_\(tag)_\(room)", wechatOpenid: "wx_bench_\(tag)_\(room)", title: "bench room \(room)"))
            }
            guard let broadcast = response.broadcast else {
                throw LoadGenError(description: "the service started a broadcast but did not describe it")
            }
            ids.append(broadcast.broadcastID)
            tokens.append(response.hostToken)
            limits.append(Int(broadcast.viewerLimit))
        }
        return SessionRooms(broadcastIDs: ids, hostTokens: tokens, limits: limits)
    }

    /// The viewers present in all the rooms now, as the service reports them (`GetBroadcast`).
    func presentViewers(socketPath: String) async throws -> Int {
        let client = RPCClient(socketPath: socketPath, defaultDeadline: .seconds(10))
        let session = SessionV1.RoomSessionService.Client(client)
        var present = 0
        do {
            for (id, token) in zip(broadcastIDs, hostTokens) {
                let broadcast = try await session.getBroadcast(SessionV1.HostedBroadcastRequest(broadcastID: id, hostToken: token))
                present += Int(broadcast.presentViewers)
            }
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        return present
    }
}
