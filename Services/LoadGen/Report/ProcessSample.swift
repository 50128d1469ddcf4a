#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A server process's CPU time and resident memory at one instant, read from /proc.
struct ProcessSample: Sendable {
    /// User plus system CPU seconds of all its threads so far (`utime + stime` of /proc/PID/stat).
    let cpuSeconds: Double
    /// Resident memory (`VmRSS` of /proc/PID/status), in KiB.
    let residentKiB: Int

    /// Reads process `pid`. Throws when it does not exist (any more) or /proc says something unexpected.
    static func read(_ pid: Int32) throws -> ProcessSample {
        let stat = try file("/proc/\(pid)/stat")
        // The command name (field 2) is in parentheses and may hold spaces: count from its end.
        guard let close = stat.lastIndex(of: ")") else { throw unreadable(pid, "stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name come field 3 (state) onwards: utime is field 14, stime field 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw unreadable(pid, "stat")
        }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let status = try file("/proc/\(pid)/status")
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
        else {
            throw unreadable(pid, "status")
        }
        return ProcessSample(cpuSeconds: (user + system) / ticks, residentKiB: kib)
    }

    /// Process `pid` once it has gone quiet — under 10 % of a core over half a second, e.g.
    /// once it has written what a burst of calls left behind — or after `limit` seconds.
    static func settled(_ pid: Int32, within limit: Double) async throws -> ProcessSample {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(limit)
        var last = try read(pid)
        while clock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            let now = try read(pid)
            defer { last = now }
            if now.cpuSeconds - last.cpuSeconds < 0.05 { return now }
        }
        return last
    }

    private static func file(_ path: String) throws -> String {
        do {
            return try readTextFile(path)
        } catch {
            throw LoadGenError(description: "\(error); is the server's --server-pid right and the server still running?")
        }
    }

    private static func unreadable(_ pid: Int32, _ file: String) -> LoadGenError {
        LoadGenError(description: "/proc/\(pid)/\(file) does not read as expected")
    }
}
