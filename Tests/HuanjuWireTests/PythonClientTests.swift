import Foundation
import HuanjuTestSupport
import HuanjuWire
import Testing

/// The README's Python client (deploy/clients/python/huanju_client.py), written from the
/// .proto files and the protocol page alone, talks to a live server.
@Suite struct PythonClientTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../deploy/clients/python/huanju_client.py").standardized.path

    static func runPython(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await onOwnThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [script] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self))
        }
    }

    @Test func aPythonClientChecksHealthOverTheSocket() async throws {
        try await TestServer().serving { server in
            let result = try await Self.runPython([server.publicSocket])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output == "SERVING\n")
        }
    }

    @Test func aPythonClientListsTheMethods() async throws {
        try await TestServer().serving { server in
            let result = try await Self.runPython([server.operatorSocket, ReflectionV1.ReflectionService.Method.listMethods.name])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("huanju.testing.v1.Test/Admin (operator)"))
            #expect(result.output.contains(HealthV1.HealthService.Method.check.name))
        }
    }

    @Test func aPythonClientSeesStatusNamesForRefusals() async throws {
        try await TestServer().serving { server in
            let result = try await Self.runPython([server.publicSocket, "huanju.nothing.v1.Nope/Never"])
            #expect(result.status == 1)
            #expect(result.output.hasPrefix("UNIMPLEMENTED: unknown method"))
        }
    }
}
