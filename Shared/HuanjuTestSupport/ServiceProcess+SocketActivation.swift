import Foundation
import HuanjuWire

extension ServiceProcess {
    /// Starts `executable` the way systemd starts a socket-activated service: `descriptors`
    /// become its descriptors 3, 4, …, with `LISTEN_FDS` their count, `LISTEN_PID` its own pid
    /// and, unless `names` is nil, `LISTEN_FDNAMES` the names joined by colons.
    ///
    /// A child of this process inherits no descriptor but 0–2 (`ChildProcess` closes the
    /// others), so a few lines of Python stand in for systemd: they receive the
    /// descriptors on their standard input (SCM_RIGHTS), move them into place, set the
    /// variables with their own pid and exec the service, which keeps that pid.
    public convenience init(
        name: String, executable: String, arguments: [String], logPath: String, environment: [String: String] = [:],
        passing descriptors: [Int32], names: [String]?
    ) throws {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw RPCError(.internal, "socketpair(): errno \(errno)")
        }
        defer { Glibc.close(pair[0]) }
        let launcherInput = FileHandle(fileDescriptor: pair[1], closeOnDealloc: true)
        try Self.send(descriptors, over: pair[0])
        try self.init(
            name: name, executable: Self.python,
            arguments: ["-c", Self.launcher, names?.joined(separator: ":") ?? "-", executable] + arguments,
            logPath: logPath, environment: environment, standardInput: launcherInput)
        try launcherInput.close()
    }

    /// Debian's interpreter (the one `make test` installs python3-protobuf into).
    static let python = "/usr/bin/python3"

    /// argv: NAMES|- EXECUTABLE ARG…; standard input: a Unix socket carrying the descriptors.
    static let launcher = """
        import fcntl, os, socket, sys
        names, executable, arguments = sys.argv[1], sys.argv[2], sys.argv[2:]
        channel = socket.socket(fileno=0)
        _, received, _, _ = socket.recv_fds(channel, 1, 64)
        channel.detach()
        # Out of the way first, so that moving one never overwrites another.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 100) for fd in received]
        for fd in received:
            os.close(fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        for index, fd in enumerate(high):
            target = 3 + index
            try:
                # Something else sits there: keep it, elsewhere.
                fcntl.fcntl(target, fcntl.F_DUPFD, 200)
                os.close(target)
            except OSError:
                pass
            os.dup2(fd, target, inheritable=True)
            os.close(fd)
        environment = dict(os.environ, LISTEN_PID=str(os.getpid()), LISTEN_FDS=str(len(high)))
        environment.pop("LISTEN_FDNAMES", None)
        if names != "-":
            environment["LISTEN_FDNAMES"] = names
        os.execve(executable, arguments, environment)
        """

    /// Sends `descriptors` as one SCM_RIGHTS message (with one byte of data) on `socket`.
    private static func send(_ descriptors: [Int32], over socket: Int32) throws {
        let payload = descriptors.count * MemoryLayout<Int32>.size
        let header = MemoryLayout<cmsghdr>.size
        let space = header + (payload + MemoryLayout<Int>.size - 1) / MemoryLayout<Int>.size * MemoryLayout<Int>.size
        var control = [UInt8](repeating: 0, count: space)
        var byte: UInt8 = 0
        let sent = control.withUnsafeMutableBytes { raw -> Int in
            let message = raw.baseAddress!.assumingMemoryBound(to: cmsghdr.self)
            message.pointee.cmsg_len = header + payload
            message.pointee.cmsg_level = SOL_SOCKET
            message.pointee.cmsg_type = Int32(SCM_RIGHTS)
            descriptors.withUnsafeBytes { (raw.baseAddress! + header).copyMemory(from: $0.baseAddress!, byteCount: payload) }
            return withUnsafeMutablePointer(to: &byte) { bytePointer in
                var vector = iovec(iov_base: bytePointer, iov_len: 1)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var header = msghdr()
                    header.msg_iov = vectorPointer
                    header.msg_iovlen = 1
                    header.msg_control = raw.baseAddress
                    header.msg_controllen = raw.count
                    return sendmsg(socket, &header, 0)
                }
            }
        }
        guard sent == 1 else { throw RPCError(.internal, "sendmsg(SCM_RIGHTS): errno \(errno)") }
    }
}
