import Foundation
import HuanjuTestSupport

/// Runs the repository's `deploy/*.sh` scripts and `huanjuctl` as child processes, with
/// bounded waits, for the deployment tests.
enum DeployScripts {
    /// The repository's root (this file is `Tests/EndToEndTests/DeploySupport.swift`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ script: String) -> String {
        repository.appendingPathComponent("deploy/\(script)").path
    }

    /// Starts `deploy/<script>` with `environment` added; its output goes to `output`.
    static func start(_ script: String, environment: [String: String], output: String) throws -> ServiceProcess {
        try ServiceProcess(name: script, executable: "/bin/bash", arguments: [path(script)], logPath: output,
                           environment: environment)
    }

    /// Runs `deploy/<script>` to the end (at most `timeout`); its exit status (-1 on timeout) and output.
    static func run(_ script: String, environment: [String: String], output: String,
                    timeout: Duration = .seconds(60)) async throws -> (status: Int32, output: String) {
        let process = try start(script, environment: environment, output: output)
        let status = await process.waitForExit(timeout: timeout)
        if status == -1 { await process.stop() }
        return (status, process.log())
    }

    /// Runs `huanjuctl` with `arguments` (at most 30 s); its exit status and output.
    static func huanjuctl(_ arguments: [String], output: String) async throws -> (status: Int32, output: String) {
        let process = try ServiceProcess(name: "huanjuctl", executable: BuildProducts.executable("huanjuctl"),
                                         arguments: arguments, logPath: output)
        let status = await process.waitForExit(timeout: .seconds(30))
        if status == -1 { await process.stop() }
        return (status, process.log())
    }

    /// Waits until `process`'s output contains `text`; false if it exits first or `timeout` passes.
    static func waitForOutput(_ process: ServiceProcess, containing text: String, timeout: Duration) async throws -> Bool {
        let giveUp = ContinuousClock.now + timeout
        while ContinuousClock.now < giveUp {
            if process.log().contains(text) { return true }
            if !process.isRunning { return process.log().contains(text) }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// A pid file's pid, if the file exists.
    static func pid(_ file: String) -> String? {
        (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// How many times `text` occurs in `output`.
    static func occurrences(of text: String, in output: String) -> Int {
        output.components(separatedBy: text).count - 1
    }
}

extension DeployScripts {
    /// Whether a process holds an exclusive `flock` on `path`, as a running service holds
    /// `<run>/<service>.lock`; false when the file is missing. Probes with a non-blocking lock,
    /// released at once.
    static func isLockHeld(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }

    /// The pids of the processes whose command line contains `text` (Linux's /proc; none elsewhere).
    static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                  let data = try? FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(entry)/cmdline")).readToEnd()
            else { return nil }
            let commandLine = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return commandLine.contains(text) ? pid : nil
        }
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes; whether it held.
    static func eventually(within timeout: Duration, _ condition: () -> Bool) async throws -> Bool {
        let giveUp = ContinuousClock.now + timeout
        while ContinuousClock.now < giveUp {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    /// Writes `text` to `path`, replacing the file.
    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
