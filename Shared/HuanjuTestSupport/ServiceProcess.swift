import Foundation
import HuanjuWire
import Synchronization

/// One service executable running as a child process, its output in a log file.
///
/// No test leaves one behind: `stop` ends with SIGKILL when SIGTERM was not enough, and
/// whatever is still running when the test process exits (a failed expectation skipped the
/// stop, a test never stopped a process it expected to refuse to start) is killed then.
public final class ServiceProcess: @unchecked Sendable {
    public let name: String
    public let logPath: String
    private let process: Process
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `executable` with `arguments`; stdout and stderr go to `logPath`; standard input
    /// is `standardInput` (default: /dev/null).
    public init(
        name: String, executable: String, arguments: [String], logPath: String, environment: [String: String] = [:],
        standardInput: FileHandle? = nil
    ) throws {
        self.name = name
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        if let standardInput { process.standardInput = standardInput }
        let exited = self.exited
        process.terminationHandler = { finished in
            ServiceProcess.forget(finished.processIdentifier)
            exited.signal()
        }
        try process.run()
        Self.track(process.processIdentifier)
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// SIGTERM, then waits for the exit; returns the exit status.
    @discardableResult
    public func stop(timeout: Duration = .seconds(20)) async -> Int32 {
        if process.isRunning { process.terminate() }
        let status = await waitForExit(timeout: timeout)
        if status == -1 { await kill9() }
        return status
    }

    /// SIGKILL (`kill -9`): no chance to flush or clean up.
    public func kill9() async {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = await waitForExit(timeout: .seconds(20))
    }

    /// Waits for the process to exit on its own; returns its exit status (-1 on timeout).
    public func waitForExit(timeout: Duration) async -> Int32 {
        let exited = self.exited
        let process = self.process
        let seconds = Double(timeout.components.seconds)
        return await withCheckedContinuation { continuation in
            Thread {
                if exited.wait(timeout: .now() + seconds) == .success {
                    exited.signal()
                    continuation.resume(returning: process.terminationStatus)
                } else {
                    continuation.resume(returning: -1)
                }
            }.start()
        }
    }

    /// The log so far (for failure messages).
    public func log() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    // MARK: No process left behind

    /// Children started and not yet seen to exit.
    private static let running = Mutex<Set<Int32>>([])
    private static let killAtExit: Void = {
        atexit {
            for pid in ServiceProcess.running.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
    }()

    private static func track(_ pid: Int32) {
        _ = killAtExit
        running.withLock { _ = $0.insert(pid) }
    }

    /// Forgets a child that exited (its pid may be reused).
    private static func forget(_ pid: Int32) {
        running.withLock { _ = $0.remove(pid) }
    }
}
