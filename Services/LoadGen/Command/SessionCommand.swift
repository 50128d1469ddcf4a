import ArgumentParser

/// `huanju-loadgen session`: the room-session service's public socket.
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Open rooms on the room-session service, then drive Join / Heartbeat / Leave at it.")

    @OptionGroup var load: LoadOptions

    @Option(help: "How rooms are opened: paid (StartBroadcast; needs the activation peer, e.g. `huanju-loadgen stub-activation`) or trial (StartTrialBroadcast; 10 viewers a room).")
    var setup = SessionRooms.Setup.paid

    @Option(help: "Keeps this run's codes and WeChat ids apart from other runs' (default: random).")
    var tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)

    func run() async throws {
        let population = load.population()
        let rooms = try await SessionRooms.open(socketPath: load.socket, population: population, setup: setup, tag: tag)
        let dialect = try SessionDialect(population: population, broadcastIDs: rooms.broadcastIDs)
        let driver = LoadDriver(load: load, target: "session", dialect: dialect)
        let crowded = zip(rooms.limits, 0..<population.rooms).filter { $0.0 < population.audience(of: $0.1) }.count
        try await driver.run(extra: [
            ("request_bytes", "\(dialect.joinRequestBytes(callID: 1 << 32))"), ("crowded_rooms", "\(crowded)"),
        ]) {
            try await rooms.presentViewers(socketPath: load.socket)
        }
    }
}
