import HuanjuDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The controllable clock for tests and demos, shared by every process on the host: "now"
/// is the instant written in one file, and stands still until someone sets or advances it
/// (`huanjuctl clock set|advance`). A service uses it only when started with
/// `--controllable-clock PATH`, and says so loudly in its log.
///
/// File format: one line, the instant in UTC Unix milliseconds, then (ignored) a readable
/// CST form: `1577851200000 2020-01-01 12:00 CST`. Writes replace the file atomically.
public struct FileClock: BusinessClock {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The instant in the file. A file that cannot be read (it is only ever replaced
    /// atomically, so this means it was removed) reads as the wall clock.
    public func now() -> Instant {
        (try? Self.read(path)) ?? WallClock().now()
    }

    /// The instant the file holds.
    public static func read(_ path: String) throws -> Instant {
        guard let file = fopen(path, "r") else {
            throw ClockFileError("cannot read the clock file \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else {
            throw ClockFileError("the clock file \(path) is empty")
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let first = text.split(separator: " ").first,
              let milliseconds = Int64(first.trimmingNewline()) else {
            throw ClockFileError("the clock file \(path) does not start with Unix milliseconds: \(text)")
        }
        return Instant(unixMilliseconds: milliseconds)
    }

    /// Sets the shared clock to `instant` (atomically: write a temporary file, rename it).
    public static func set(_ instant: Instant, at path: String) throws {
        let temporary = "\(path).tmp.\(getpid())"
        guard let file = fopen(temporary, "w") else {
            throw ClockFileError("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        fputs("\(instant.unixMilliseconds) \(instant)\n", file)
        fflush(file)
        fsync(fileno(file))
        fclose(file)
        guard rename(temporary, path) == 0 else {
            throw ClockFileError("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Moves the shared clock forward (or back, with a negative span).
    @discardableResult
    public static func advance(by span: TimeSpan, at path: String) throws -> Instant {
        let next = try read(path) + span
        try set(next, at: path)
        return next
    }
}

/// The clock file is missing or unreadable.
public struct ClockFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

private extension Substring {
    func trimmingNewline() -> Substring {
        var text = self
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return text
    }
}
