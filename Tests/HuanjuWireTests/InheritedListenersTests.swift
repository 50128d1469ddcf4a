import Foundation
@testable import HuanjuWire
import HuanjuTestSupport
import Testing

/// Socket activation's protocol (`LISTEN_PID`, `LISTEN_FDS`, `LISTEN_FDNAMES`): what the
/// environment says was passed, and which passed descriptors a server accepts.
@Suite struct InheritedListenersEnvironmentTests {
    static let pid: Int32 = 4242

    @Test func nothingIsInheritedWithoutLISTEN_FDS() throws {
        #expect(try InheritedListeners.passedDescriptors([:], pid: Self.pid) == nil)
        #expect(try InheritedListeners.passedDescriptors(["LISTEN_PID": "4242", "LISTEN_FDS": "0"], pid: Self.pid) == nil)
    }

    @Test func descriptorsPassedToAnotherProcessAreNotTaken() throws {
        // Given LISTEN_* meant for process 77 (a wrapper that forked instead of exec'ing)
        let environment = ["LISTEN_PID": "77", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "public:operator"]
        // Then this process takes nothing and binds its own sockets
        #expect(try InheritedListeners.passedDescriptors(environment, pid: Self.pid) == nil)
    }

    @Test func passedDescriptorsStartAtThreeWithTheirNames() throws {
        let environment = ["LISTEN_PID": "4242", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "operator:public"]
        #expect(try InheritedListeners.passedDescriptors(environment, pid: Self.pid) == [
            .init(descriptor: 3, name: "operator"), .init(descriptor: 4, name: "public"),
        ])
        // Without names, each is recognised later by its path
        #expect(try InheritedListeners.passedDescriptors(["LISTEN_PID": "4242", "LISTEN_FDS": "2"], pid: Self.pid) == [
            .init(descriptor: 3, name: nil), .init(descriptor: 4, name: nil),
        ])
    }

    @Test(arguments: [
        (["LISTEN_PID": "4242", "LISTEN_FDS": "two"], "LISTEN_FDS=two is not a number of descriptors"),
        (["LISTEN_PID": "4242", "LISTEN_FDS": "-1"], "LISTEN_FDS=-1 is not a number of descriptors"),
        (["LISTEN_PID": "me", "LISTEN_FDS": "2"], "LISTEN_PID=me is not a process id"),
        (["LISTEN_FDS": "2"], "LISTEN_FDS=2 is set but LISTEN_PID is not"),
        (["LISTEN_PID": "4242", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "public"], "LISTEN_FDNAMES=public names 1 descriptors but LISTEN_FDS=2"),
    ])
    func aMalformedEnvironmentIsAStartUpErrorSayingWhatIsWrong(environment: [String: String], message: String) {
        #expect {
            try InheritedListeners.passedDescriptors(environment, pid: Self.pid)
        } throws: { error in
            "\(error)".hasPrefix("socket activation: \(message)")
        }
    }
}

/// Which passed descriptors a server serves on: one listening Unix stream socket for the public
/// calls and one for the operator's, told apart by name or else by path.
@Suite struct InheritedListenersIdentificationTests {
    let directory = TestServer.makeTemporaryDirectory()
    var configuration: ServerConfiguration { ServerConfiguration(serviceName: "test", runtimeDirectory: directory) }

    @Test func theSocketsAreToldApartByTheirNames() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        // Given the operator socket first, as a unit could order them
        let taken = try InheritedListeners.identify([
            .init(descriptor: unit.operatorDescriptor, name: "operator"), .init(descriptor: unit.publicDescriptor, name: "public"),
        ], for: configuration)
        #expect(taken.publicSocket == .init(descriptor: unit.publicDescriptor, path: unit.publicPath))
        #expect(taken.operatorSocket == .init(descriptor: unit.operatorDescriptor, path: unit.operatorPath))
        #expect(taken.boundElsewhere(than: configuration).isEmpty)
    }

    @Test func withoutOurNamesTheBoundPathDecides() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        // Given systemd's default names (the units' names) and no FileDescriptorName=
        let taken = try InheritedListeners.identify([
            .init(descriptor: unit.operatorDescriptor, name: "huanju-test-admin.socket"), .init(descriptor: unit.publicDescriptor, name: nil),
        ], for: configuration)
        #expect(taken.publicSocket.descriptor == unit.publicDescriptor)
        #expect(taken.operatorSocket.descriptor == unit.operatorDescriptor)
    }

    @Test func aSocketNamedRightButBoundElsewhereIsTakenAndReported() throws {
        let elsewhere = TestServer.makeTemporaryDirectory()
        let unit = try SocketUnit(runtimeDirectory: elsewhere, service: "test")
        defer { unit.close() }
        let taken = try InheritedListeners.identify([
            .init(descriptor: unit.publicDescriptor, name: "public"), .init(descriptor: unit.operatorDescriptor, name: "operator"),
        ], for: configuration)
        #expect(taken.boundElsewhere(than: configuration).map(\.role) == ["public", "operator"])
    }

    @Test func aRegularFileIsRefusedNamingTheDescriptor() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        let file = open("\(directory)/not-a-socket", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(file) }
        #expect {
            try InheritedListeners.identify([
                .init(descriptor: file, name: "public"), .init(descriptor: unit.operatorDescriptor, name: "operator"),
            ], for: configuration)
        } throws: { error in
            "\(error)".hasPrefix("socket activation: inherited descriptor \(file) (public) is a regular file, not a socket")
        }
    }

    @Test func aUnixStreamSocketThatIsNotListeningIsRefused() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        let connected = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(connected) }
        #expect {
            try InheritedListeners.identify([
                .init(descriptor: unit.publicDescriptor, name: "public"), .init(descriptor: connected, name: "operator"),
            ], for: configuration)
        } throws: { error in
            "\(error)".contains("inherited descriptor \(connected) (operator) is a Unix stream socket that is not listening")
        }
    }

    @Test func aDatagramSocketIsRefused() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        let datagram = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(datagram) }
        #expect {
            try InheritedListeners.identify([
                .init(descriptor: unit.publicDescriptor, name: "public"), .init(descriptor: datagram, name: "operator"),
            ], for: configuration)
        } throws: { error in
            "\(error)".contains("is a Unix socket but not a stream socket")
        }
    }

    @Test func aDescriptorThatIsNotOpenIsRefused() throws {
        #expect {
            try InheritedListeners.identify([.init(descriptor: 999_999, name: "public")], for: configuration)
        } throws: { error in
            "\(error)".contains("inherited descriptor 999999 (public) cannot be examined")
        }
    }

    @Test func aMissingOperatorSocketIsRefusedNamingTheUnitsThatProvideIt() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        #expect {
            try InheritedListeners.identify([.init(descriptor: unit.publicDescriptor, name: "public")], for: configuration)
        } throws: { error in
            "\(error)" == "socket activation: the service manager passed no operator socket (it passed descriptor \(unit.publicDescriptor) (public)); "
                + "socket activation needs both: huanju-test.socket (FileDescriptorName=public) and huanju-test-admin.socket "
                + "(FileDescriptorName=operator), both listed in Sockets= of huanju-test.service"
        }
    }

    @Test func twoPublicSocketsAreRefused() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        #expect {
            try InheritedListeners.identify([
                .init(descriptor: unit.publicDescriptor, name: "public"), .init(descriptor: unit.operatorDescriptor, name: "public"),
            ], for: configuration)
        } throws: { error in
            "\(error)".contains("two inherited sockets are the public socket")
        }
    }

    @Test func aSocketNeitherNamedNorBoundWhereExpectedIsRefused() throws {
        let unit = try SocketUnit(runtimeDirectory: directory, service: "test")
        defer { unit.close() }
        let stranger = try SocketUnit.listeningSocket(at: "\(directory)/stranger.sock", mode: 0o600)
        defer { close(stranger) }
        #expect {
            try InheritedListeners.identify([
                .init(descriptor: unit.publicDescriptor, name: "public"), .init(descriptor: unit.operatorDescriptor, name: "operator"),
                .init(descriptor: stranger, name: "huanju-test-metrics.socket"),
            ], for: configuration)
        } throws: { error in
            "\(error)".contains("inherited socket descriptor \(stranger) (huanju-test-metrics.socket) bound to \(directory)/stranger.sock is neither")
        }
    }
}
