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
            var pipe: [Int32] = [-1, -1]
            guard Glibc.pipe(&pipe) == 0 else { throw RPCError(.internal, "pipe: errno \(errno)") }
            let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
            defer { close(null) }
            let child: ChildProcess
            do {
                defer { close(pipe[1]) }
                child = try ChildProcess(
                    executable: "/usr/bin/python3", arguments: [script] + arguments,
                    environment: ProcessInfo.processInfo.environment,
                    standardInput: null, standardOutput: pipe[1], standardError: pipe[1])
            } catch {
                close(pipe[0])
                throw error
            }
            let output = FileHandle(fileDescriptor: pipe[0], closeOnDealloc: true).readDataToEndOfFile()
            let status = child.blockingWait(timeout: .seconds(60)) ?? -1
            return (status, String(decoding: output, as: UTF8.self))
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
