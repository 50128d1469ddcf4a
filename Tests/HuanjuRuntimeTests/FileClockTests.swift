import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import Testing

@Suite struct FileClockTests {
    @Test func everyProcessReadingTheFileSeesTheTimeSetThere() throws {
        // Given a clock file set to the guide's first instant
        let path = TemporaryDirectory.make() + "/clock"
        let start = Instant.cst(2020, 1, 1, 12, 0)
        try FileClock.set(start, at: path)
        // Then two independent clocks on that file agree, and time stands still
        #expect(FileClock(path: path).now() == start)
        #expect(FileClock(path: path).now() == start)
    }

    @Test func advancingMovesEveryReaderForward() throws {
        let path = TemporaryDirectory.make() + "/clock"
        try FileClock.set(Instant.cst(2020, 5, 1, 15, 0), at: path)
        let next = try FileClock.advance(by: .hours(4), at: path)
        #expect(next == Instant.cst(2020, 5, 1, 19, 0))
        #expect(FileClock(path: path).now() == next)
    }

    @Test func theFileIsReadableByPeopleToo() throws {
        let path = TemporaryDirectory.make() + "/clock"
        try FileClock.set(Instant.cst(2020, 1, 1, 12, 0), at: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "1577851200000 2020-01-01 12:00 CST\n")
    }

    @Test func aMissingFileIsAnErrorForReaders() {
        #expect(throws: ClockFileError.self) { try FileClock.read("/tmp/hj-no-such-clock") }
    }
}

import Foundation
