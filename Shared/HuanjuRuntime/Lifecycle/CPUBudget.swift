import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How many CPUs this process may actually run on: the CPUs of its affinity mask (`taskset`,
/// systemd's `CPUAffinity=`), capped by its cgroup's CPU quota and cpuset (NIO's
/// `System.coreCount` reads those). A service starts one event loop per such CPU, so a process
/// pinned to one core runs one loop instead of fighting itself for it.
public enum CPUBudget {
    /// The CPUs in the affinity mask of this process (`Cpus_allowed` of `/proc/self/status`, a
    /// hexadecimal mask in comma-separated words), or nil when it cannot be read.
    public static func affinityCount() -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard line.hasPrefix("Cpus_allowed:") else { continue }
            let mask = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
            let count = mask.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount }
            return count > 0 ? count : nil
        }
        return nil
    }

    /// The CPUs this process may use: the affinity mask's, capped by the cgroup's.
    public static func available() -> Int {
        max(1, min(affinityCount() ?? System.coreCount, System.coreCount))
    }
}
