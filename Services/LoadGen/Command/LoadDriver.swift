/// Runs what the options ask against one target and prints the report: the timed mix (after
/// an optional prefill), or the fill that measures memory per present viewer.
struct LoadDriver<Dialect: WireDialect> {
    let load: LoadOptions
    let target: String
    let dialect: Dialect

    /// Runs and prints. `present` counts the viewers the target holds (for the fill);
    /// `extra` adds `key=value` pairs to the result line.
    func run(extra: [(String, String)] = [], present: () async throws -> Int) async throws {
        let population = load.population()
        let runner = LoadRun(socketPath: load.socket, dialect: dialect, connections: load.connections, depth: load.depth, threads: load.threads)
        let joinEveryone = CallPlan.Order.sequentialJoins(stride: load.connections, end: population.viewers)
        var report: RunReport
        switch try load.schedule() {
        case .fill:
            let measurement = try await runner.run(order: joinEveryone, population: population, seed: load.seed, pacing: .untilDone, serverPID: load.serverPid)
            report = RunReport(target: load.label ?? target, connections: load.connections, depth: load.depth, measurement: measurement)
            let viewers = try await present()
            report.extra.append(("present", "\(viewers)"))
            if let before = measurement.serverBefore, let atFill = measurement.serverAfter, let pid = load.serverPid, viewers > 0 {
                // Background work the fill left (e.g. radar changes not yet written) finishes first.
                let settled = try await ProcessSample.settled(pid, within: load.settle)
                func perViewer(_ sample: ProcessSample) -> String {
                    format(Double((sample.residentKiB - before.residentKiB) * 1024) / Double(viewers), 1)
                }
                report.extra.append(("rss_before_kib", "\(before.residentKiB)"))
                report.extra.append(("rss_at_fill_kib", "\(atFill.residentKiB)"))
                report.extra.append(("rss_settled_kib", "\(settled.residentKiB)"))
                report.extra.append(("bytes_per_viewer_at_fill", perViewer(atFill)))
                report.extra.append(("bytes_per_viewer", perViewer(settled)))
            }
        case .timed(let warmup, let duration, let mix, let prefill):
            if prefill {
                let filled = try await runner.run(order: joinEveryone, population: population, seed: load.seed, pacing: .untilDone, serverPID: nil)
                printError("prefill: \(filled.answered) joins (\(filled.ok) admitted, \(filled.refused) refused, \(filled.errors) errors) in \(format(filled.seconds, 2)) s")
            }
            let measurement = try await runner.run(
                order: .random(mix), population: population, seed: load.seed, pacing: .timed(warmup: warmup, duration: duration),
                serverPID: load.serverPid)
            report = RunReport(target: load.label ?? target, connections: load.connections, depth: load.depth, measurement: measurement)
        }
        report.extra += extra
        printError(report.summary)
        print(report.line)
    }
}
