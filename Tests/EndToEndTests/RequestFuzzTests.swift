import Foundation
import HuanjuAPI
import HuanjuDomain
import HuanjuTestSupport
import HuanjuWire
import Testing

/// A bounded fuzz driven by the descriptors: every string field of every request message of
/// every method the three services list — nested ones included — receives NUL, control
/// characters, escape sequences, bidirectional overrides, invalid UTF-8, oversize and
/// combining-character strings. Each call must be INVALID_ARGUMENT naming the field, and no
/// database may change.
@Suite(.serialized) struct RequestFuzzTests {
    /// What is sent in a string field with `limit` bytes.
    static func badValues(limit: Int) -> [(name: String, bytes: [UInt8])] {
        [
            ("NUL", Array("ok".utf8) + [0] + Array("evil".utf8)),
            ("newline", Array("line\nforged".utf8)),
            ("escape sequence", Array("red\u{1B}[31m".utf8)),
            ("C1 control", Array("c1\u{9B}".utf8)),
            ("bidirectional override", Array("gnp\u{202E}.exe".utf8)),
            ("invalid UTF-8", [0x41, 0xC3, 0x28]),
            ("oversize", Array(repeating: UInt8(ascii: "x"), count: limit + 1)),
            ("combining characters", Array(("a" + String(repeating: "\u{301}", count: limit / 2 + 1)).utf8)),
        ]
    }

    /// A string field reached from a request message, and how to build a payload setting it.
    struct StringField {
        let path: String
        let limit: Int
        /// The payload holding `value` at this field (and the messages around it).
        let payload: ([UInt8]) -> [UInt8]
    }

    /// Every string field of `descriptor`, nested messages included.
    static func stringFields(of descriptor: MessageDescriptor, depth: Int = 0) -> [StringField] {
        guard depth < 4 else { return [] }
        var found: [StringField] = []
        for field in descriptor.allFields {
            switch field.kind {
            case .string:
                let number = field.number
                found.append(StringField(path: field.name, limit: field.rules?.maxBytes ?? 0) { value in
                    var message = ProtoBytes()
                    message.append(field: number, lengthDelimited: value)
                    return message.bytes
                })
            case .message(let nested):
                let number = field.number
                for inner in stringFields(of: nested, depth: depth + 1) {
                    let path = field.isRepeated ? "\(field.name)[0].\(inner.path)" : "\(field.name).\(inner.path)"
                    found.append(StringField(path: path, limit: inner.limit) { value in
                        var message = ProtoBytes()
                        message.append(field: number, lengthDelimited: inner.payload(value))
                        return message.bytes
                    })
                }
            case .bytes, .scalar:
                continue
            }
        }
        return found
    }

    @Test func everyStringFieldOfEveryRequestRefusesBadTextAndNothingIsStored() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            let customer = try await system.approvedEnterprise("fuzz")
            // The approval reaches the account's feed (billing's outbox → activation) before the snapshot.
            _ = try await eventually("the approval in the feed") {
                let feed = try await system.activation().listAccountEvents(
                    ActivationV1.ListAccountEventsRequest(), metadata: customer.metadata)
                return feed.events.isEmpty ? nil : true
            }
            let metadata = [("account-id", customer.accountID), ("idempotency-key", "fuzz-key-0000000001")]
            let databases = LocalSystem.services.map { "\(system.dataDirectory)/\($0).sqlite" }
            let before = try databases.map(DatabaseContents.read)
            var checkedFields = 0
            for service in LocalSystem.services {
                let list = try await system.reflection(service, operator: true).listMethods()
                var calls: [(label: String, field: String, envelope: [UInt8])] = []
                for method in list.methods {
                    let descriptor = try #require(MessageDescriptor.named(method.requestType), "\(method.requestType)")
                    for field in Self.stringFields(of: descriptor) {
                        #expect(field.limit > 0, "\(method.requestType).\(field.path) has no max_bytes")
                        checkedFields += 1
                        for bad in Self.badValues(limit: field.limit) {
                            let envelope = ProtoBytes.request(
                                callID: UInt64(calls.count + 1), method: method.name, metadata: metadata,
                                payload: field.payload(bad.bytes))
                            calls.append(("\(method.name) \(field.path) with \(bad.name)", field.path, envelope))
                        }
                    }
                }
                // All of one service's calls on one connection, answered in order of their ids
                let path = system.socket(service, operator: true)
                let envelopes = calls.map(\.envelope)
                let answers = try await onOwnThread { () -> [UInt64: RPCV1.Response] in
                    let connection = try RawSocket(path: path)
                    var answers: [UInt64: RPCV1.Response] = [:]
                    for envelope in envelopes {
                        connection.sendFrame(envelope)
                        if let answer = try connection.readResponse() { answers[answer.callID] = answer }
                    }
                    return answers
                }
                for (index, call) in calls.enumerated() {
                    let answer = answers[UInt64(index + 1)]
                    #expect(answer?.status == .invalidArgument, "\(call.label): \(String(describing: answer))")
                    #expect(answer?.message.contains("field \(call.field)") == true, "\(call.label): \(answer?.message ?? "")")
                }
            }
            // Every request message with strings was reached (billing, activation and room-session together)
            #expect(checkedFields >= 50)
            // And nothing was stored anywhere
            let after = try databases.map(DatabaseContents.read)
            #expect(after == before)
        }
    }

    @Test func badTextInTheCallersIdentityIsRefusedOnEveryService() async throws {
        try await LocalSystem.with(clock: .cst(2020, 1, 1, 12, 0)) { system in
            try await system.startAll()
            for (service, method) in [("billing", BillingV1.BillingService.Method.getAccount.info),
                                      ("activation", ActivationV1.ActivationService.Method.listCodes.info),
                                      ("room-session", SessionV1.RoomSessionService.Method.listBroadcasts.info)] {
                for bad in Self.badValues(limit: 256) {
                    let envelope = ProtoBytes.request(
                        method: Array(method.name.utf8), metadata: [(Array("account-id".utf8), bad.bytes)])
                    let answer = try await system.rawCall(service, envelope: envelope)
                    #expect(answer?.status == .invalidArgument, "\(service) account-id with \(bad.name)")
                }
            }
        }
    }
}
