import Foundation
@testable import HuanjuWire
import NIOCore
import Testing

/// The server's answers to every kind of call over a real Unix socket.
@Suite struct ServerProtocolTests {
    @Test func unknownMethodIsUnimplemented() async throws {
        try await TestServer().serving { server in
            let response = try await server.client().send(method: "huanju.nothing.v1.Nope/Never", payload: [])
            #expect(response.status == .unimplemented)
            #expect(response.message.contains("huanju.nothing.v1.Nope/Never"))
        }
    }

    @Test func undecodablePayloadIsInvalidArgument() async throws {
        try await TestServer().serving { server in
            let response = try await server.client().send(method: TestMethods.echo.name, payload: [0xFF, 0xFF, 0xFF])
            #expect(response.status == .invalidArgument)
            #expect(response.message.contains("huanju.conformance.v1.AllKinds"))
        }
    }

    @Test func operatorMethodOnThePublicSocketIsPermissionDenied() async throws {
        try await TestServer().serving { server in
            // Given an operator-only method
            // When it is called on the public socket, Then PERMISSION_DENIED naming the operator socket
            let refused = try await server.client().send(method: TestMethods.admin.name, payload: [])
            #expect(refused.status == .permissionDenied)
            #expect(refused.message.contains(server.operatorSocket))
            // And on the operator socket it is served
            let admin = RPCClient(socketPath: server.operatorSocket)
            let answer: ConformanceV1.AllKinds = try await admin.call(TestMethods.admin, ConformanceV1.AllKinds(text: "op"))
            #expect(answer.text == "op")
        }
    }

    @Test func socketFilesHaveModes0660And0600() async throws {
        try await TestServer().serving { server in
            let publicMode = try FileManager.default.attributesOfItem(atPath: server.publicSocket)[.posixPermissions] as? Int
            let operatorMode = try FileManager.default.attributesOfItem(atPath: server.operatorSocket)[.posixPermissions] as? Int
            #expect(publicMode == 0o660)
            #expect(operatorMode == 0o600)
        }
    }

    @Test func handlerErrorsThatMapToNoStatusAreUnknown() async throws {
        try await TestServer().serving { server in
            let response = try await server.client().send(method: TestMethods.crash.name, payload: [])
            #expect(response.status == .unknown)
            // And the server keeps serving
            let echo: ConformanceV1.AllKinds = try await server.client().call(TestMethods.echo, ConformanceV1.AllKinds(text: "still here"))
            #expect(echo.text == "still here")
        }
    }

    @Test func metadataRequiredByAMethodIsChecked() async throws {
        // Given a method that requires an account id and an idempotency key
        let buy = TestMethods.Method(
            name: "huanju.testing.v1.Test/Buy", access: .publicMethod, requires: [MetadataKey.accountID, MetadataKey.idempotencyKey],
            accepts: [], execution: .task, summary: "Answers account-id/idempotency-key.")
        var router = Router(serviceName: "meta")
        router.register(buy) { _, context in
            ConformanceV1.AllKinds(text: "\(context.accountID ?? "")/\(context.idempotencyKey ?? "")")
        }
        let directory = TestServer.makeTemporaryDirectory()
        let server = RPCServer(configuration: ServerConfiguration(serviceName: "meta", runtimeDirectory: directory), router: router)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            let client = RPCClient(socketPath: server.configuration.publicSocketPath)
            let anonymous = try await client.send(method: buy.name, payload: [])
            #expect(anonymous.status == .unauthenticated)
            let noKey = try await client.send(method: buy.name, payload: [], metadata: ["account-id": "a1"])
            #expect(noKey.status == .invalidArgument)
            #expect(noKey.message.contains("idempotency-key"))
            let both = try await client.call(buy, ConformanceV1.AllKinds(), metadata: ["account-id": "a1", "idempotency-key": "k"])
            #expect(both.text == "a1/k")
            server.beginGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test func healthAndMethodListAreServedOnBothSockets() async throws {
        try await TestServer().serving { server in
            for path in [server.publicSocket, server.operatorSocket] {
                let client = RPCClient(socketPath: path)
                let health: HealthV1.HealthCheckResponse = try await client.call(HealthV1.HealthService.Method.check, HealthV1.HealthCheckRequest())
                #expect(health.status == .serving)
                let list: ReflectionV1.ListMethodsResponse = try await client.call(ReflectionV1.ReflectionService.Method.listMethods, ReflectionV1.ListMethodsRequest())
                #expect(list.service == "test")
                #expect(list.methods.map(\.name).contains(TestMethods.echo.name))
                #expect(list.methods.map(\.name).contains(ReflectionV1.ReflectionService.Method.listMethods.name))
                #expect(list.methods.first { $0.name == TestMethods.admin.name }?.operatorOnly == true)
            }
            server.health.set(serving: false)
            let notServing: HealthV1.HealthCheckResponse = try await server.client().call(HealthV1.HealthService.Method.check, HealthV1.HealthCheckRequest())
            #expect(notServing.status == .notServing)
            let unknown = try await server.client().send(
                method: HealthV1.HealthService.Method.check.name, payload: HealthV1.HealthCheckRequest(service: "huanju.nope.v1.Nope").serializedBytes())
            #expect(unknown.status == .notFound)
        }
    }

    @Test func aClientFieldTheServerDoesNotKnowIsStillServed() async throws {
        try await TestServer().serving { server in
            // Given a request carrying field 99, unknown to the schema
            let payload = ConformanceV1.AllKinds(text: "new client").serializedBytes() + [0x98, 0x06, 0x05]
            let response = try await server.client().send(method: TestMethods.echo.name, payload: payload)
            #expect(response.status == .ok)
            #expect(try ConformanceV1.AllKinds(serializedBytes: response.payload).text == "new client")
        }
    }
}

@Suite struct MetadataKeyTests {
    @Test func metadataKeysAreCaseInsensitiveAndUnderscoresReadAsHyphens() async throws {
        let who = TestMethods.Method(
            name: "huanju.testing.v1.Test/Who", access: .publicMethod, requires: [MetadataKey.accountID], accepts: [],
            execution: .task, summary: "Answers the caller's account id.")
        var router = Router(serviceName: "meta")
        router.register(who) { _, context in ConformanceV1.AllKinds(text: context.accountID ?? "") }
        let directory = TestServer.makeTemporaryDirectory()
        let server = RPCServer(configuration: ServerConfiguration(serviceName: "meta", runtimeDirectory: directory), router: router)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            let client = RPCClient(socketPath: server.configuration.publicSocketPath)
            for key in ["account-id", "Account-ID", "account_id", "ACCOUNT_ID"] {
                let answer = try await client.call(who, ConformanceV1.AllKinds(), metadata: [key: "acc_1"])
                #expect(answer.text == "acc_1", "key \(key)")
            }
            server.beginGracefulShutdown()
            try await group.waitForAll()
        }
    }
}
