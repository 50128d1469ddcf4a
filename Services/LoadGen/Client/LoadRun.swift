#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import NIOCore
import NIOPosix

/// Opens a run's connections to one socket, starts them together, steps them through the
/// phases and collects their tallies.
struct LoadRun<Dialect: WireDialect>: Sendable {
    let socketPath: String
    let dialect: Dialect
    let connections: Int
    let depth: Int
    let threads: Int

    /// How a run is paced.
    enum Pacing: Sendable {
        /// Warm up (not counted), then measure for `duration` seconds, then drain.
        case timed(warmup: Double, duration: Double)
        /// Measure until every connection's plan is done.
        case untilDone
    }

    /// Runs `order` (each connection its own plan) with `pacing`, sampling `serverPID` around
    /// the measured window.
    func run(order: CallPlan.Order, population: Population, seed: UInt64, pacing: Pacing, serverPID: Int32?) async throws -> RunMeasurement {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        do {
            let measurement = try await run(order: order, population: population, seed: seed, pacing: pacing, serverPID: serverPID, group: group)
            try await group.shutdownGracefully()
            return measurement
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private func run(
        order: CallPlan.Order, population: Population, seed: UInt64, pacing: Pacing, serverPID: Int32?,
        group: MultiThreadedEventLoopGroup
    ) async throws -> RunMeasurement {
        let control: RunControl
        switch pacing {
        case .timed: control = RunControl(.warmingUp)
        case .untilDone: control = RunControl(.measuring)
        }
        var opened: [EventLoopFuture<Opened>] = []
        for connection in 0..<connections {
            let plan = CallPlan(order: order, population: population, connection: connection, seed: seed)
            opened.append(open(plan: plan, control: control, on: group.next()))
        }
        var connected: [Opened] = []
        for future in opened { connected.append(try await future.get()) }

        let clock = ContinuousClock()
        var window = (start: clock.now, end: clock.now)
        var before: ProcessSample?
        var after: ProcessSample?
        var generatorBefore = try ProcessSample.read(getpid())
        var generatorAfter = generatorBefore
        if case .untilDone = pacing { before = try serverPID.map(ProcessSample.read) }
        window.start = clock.now
        for connection in connected {
            let handler = connection.handler
            connection.channel.eventLoop.execute { handler.value.start() }
        }
        if case .timed(let warmup, let duration) = pacing {
            try await Task.sleep(for: .seconds(warmup))
            before = try serverPID.map(ProcessSample.read)
            generatorBefore = try ProcessSample.read(getpid())
            window.start = clock.now
            control.enter(.measuring)
            try await Task.sleep(for: .seconds(duration))
            control.enter(.stopping)
            window.end = clock.now
            after = try serverPID.map(ProcessSample.read)
            generatorAfter = try ProcessSample.read(getpid())
        }
        var tally = ConnectionTally()
        for connection in connected { tally.merge(try await connection.done.get()) }
        if case .untilDone = pacing {
            window.end = clock.now
            after = try serverPID.map(ProcessSample.read)
            generatorAfter = try ProcessSample.read(getpid())
        }
        let elapsed = (window.end - window.start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return RunMeasurement(
            tally: tally, seconds: seconds, serverBefore: before, serverAfter: after,
            generatorCPUSeconds: generatorAfter.cpuSeconds - generatorBefore.cpuSeconds)
    }

    /// An open connection, its handler and its tally to come.
    private struct Opened: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<LoadConnection<Dialect>>
        let done: EventLoopFuture<ConnectionTally>
    }

    private func open(plan: CallPlan, control: RunControl, on eventLoop: any EventLoop) -> EventLoopFuture<Opened> {
        let dialect = self.dialect
        let depth = self.depth
        let done = eventLoop.makePromise(of: ConnectionTally.self)
        return ClientBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        LoadConnection(dialect: dialect, plan: plan, depth: depth, control: control, done: done))
                }
            }
            .connect(unixDomainSocketPath: socketPath)
            .flatMapThrowing { channel in
                let handler = try channel.pipeline.syncOperations.handler(type: LoadConnection<Dialect>.self)
                return Opened(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop), done: done.futureResult)
            }
    }
}
