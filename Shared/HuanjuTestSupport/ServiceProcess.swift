import Foundation
import HuanjuWire
import Synchronization

/// One service executable running as a child process, its output in a log file.
///
/// No test leaves one behind: `stop` ends with SIGKILL when SIGTERM was not enough, and
/// whatever is still running when the test process exits is killed then (`ChildProcess`).
public final class ServiceProcess: Sendable {
    public let name: String
    public let logPath: String
    private let child: ChildProcess

    /// Starts `executable` with `arguments`; stdout and stderr go to `logPath`; standard input
    /// is `standardInput` (default: /dev/null).
    public init(
        name: String, executable: String, arguments: [String], logPath: String, environment: [String: String] = [:],
        standardInput: FileHandle? = nil
    ) throws {
        self.name = name
        self.logPath = logPath
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw RPCError(.internal, "cannot open \(logPath): errno \(errno)") }
        defer { close(log) }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(null) }
        child = try ChildProcess(
            executable: executable, arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            standardInput: standardInput?.fileDescriptor ?? null, standardOutput: log, standardError: log)
    }

    public var pid: Int32 { child.pid }
    public var isRunning: Bool { child.isRunning }

    /// SIGTERM, then waits for the exit; returns the exit status (-1 when it had to be killed).
    @discardableResult
    public func stop(timeout: Duration = .seconds(20)) async -> Int32 {
        child.send(SIGTERM)
        let status = await waitForExit(timeout: timeout)
        if status == -1 { await kill9() }
        return status
    }

    /// SIGKILL (`kill -9`): no chance to flush or clean up.
    public func kill9() async {
        child.send(SIGKILL)
        _ = await waitForExit(timeout: .seconds(20))
    }

    /// Waits for the process to exit on its own; returns its exit status, or the number of
    /// the signal that ended it (-1 on timeout).
    public func waitForExit(timeout: Duration) async -> Int32 {
        await child.waitForExit(timeout: timeout) ?? -1
    }

    /// The log so far (for failure messages).
    public func log() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }
}
