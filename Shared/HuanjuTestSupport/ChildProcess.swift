import Foundation
import HuanjuWire
import Synchronization

/// A child process started with `posix_spawn(3)` and reaped by a thread of its own.
///
/// Foundation's `Process` is not used: on Linux its `run()` shares process-wide state (a
/// manager run loop, the run loop of whichever thread calls it) and crashed the test process
/// once (SIGSEGV in `Process.run()`) while the suite started services from many tasks at
/// once. This is the little the tests need, with nothing shared between children: the child
/// gets standard input, output and error as given, every other descriptor closed
/// (`posix_spawn_file_actions_addclosefrom_np`), its own process group (so a terminal's
/// Ctrl-C reaches the test runner, which kills its children at exit), default signal
/// dispositions and an empty signal mask.
///
/// No test leaves one behind: whatever is still running when the test process exits (a failed
/// expectation skipped a stop, a test never stopped a process it expected to refuse to start)
/// is killed then.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    /// The exit code, or the number of the signal that ended it; nil while it runs.
    private let status = Mutex<Int32?>(nil)
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `executable` with `arguments` (argv[0] is `executable`) and `environment`.
    public init(
        executable: String, arguments: [String], environment: [String: String],
        standardInput: Int32, standardOutput: Int32, standardError: Int32
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in [(standardInput, STDIN_FILENO), (standardOutput, STDOUT_FILENO), (standardError, STDERR_FILENO)] {
            try Self.check(posix_spawn_file_actions_adddup2(&actions, source, target), "adddup2")
        }
        try Self.check(Self.addCloseFrom(&actions, 3), "addclosefrom")

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        try Self.check(posix_spawnattr_setsigmask(&attributes, &noSignals), "setsigmask")
        try Self.check(posix_spawnattr_setsigdefault(&attributes, &everySignal), "setsigdefault")
        try Self.check(posix_spawnattr_setpgroup(&attributes, 0), "setpgroup")
        try Self.check(
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)),
            "setflags")

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        try Self.check(posix_spawn(&child, executable, &actions, &attributes, argv, envp), "posix_spawn \(executable)")
        pid = child
        Self.track(child)

        Thread { self.reap() }.start()
    }

    /// Waits for the child to exit (the reaping thread's whole life).
    private func reap() {
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        let signal = raw & 0x7f
        // Forgotten before it counts as exited: its pid may be reused from now on.
        Self.running.withLock { _ = $0.remove(pid) }
        status.withLock { $0 = signal == 0 ? (raw >> 8) & 0xff : signal }
        exited.signal()
    }

    public var isRunning: Bool { status.withLock { $0 == nil } }

    /// The exit code, or the signal's number; nil while the child runs.
    public var terminationStatus: Int32? { status.withLock { $0 } }

    /// Sends `signal` unless the child has been reaped (its pid may belong to another by then).
    public func send(_ signal: Int32) {
        status.withLock { if $0 == nil { _ = kill(pid, signal) } }
    }

    /// Blocks the calling thread until the child exits; its status, or nil after `timeout`.
    public func blockingWait(timeout: Duration) -> Int32? {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        guard exited.wait(timeout: .now() + seconds) == .success else { return nil }
        exited.signal()
        return terminationStatus
    }

    /// Waits without holding a cooperative thread.
    public func waitForExit(timeout: Duration) async -> Int32? {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.blockingWait(timeout: timeout)) }.start()
        }
    }

    // MARK: No process left behind

    /// Children started and not yet reaped.
    private static let running = Mutex<Set<pid_t>>([])
    private static let killAtExit: Void = {
        atexit {
            for pid in ChildProcess.running.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
    }()

    private static func track(_ pid: pid_t) {
        _ = killAtExit
        running.withLock { _ = $0.insert(pid) }
    }

    private static func check(_ result: Int32, _ what: String) throws {
        guard result == 0 else { throw RPCError(.internal, "\(what): \(String(cString: strerror(result)))") }
    }

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module
    /// does not declare.
    private static let addCloseFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("this glibc has no posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later is required)")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}
