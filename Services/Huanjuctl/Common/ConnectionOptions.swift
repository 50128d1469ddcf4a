import ArgumentParser
import HuanjuRuntime
import HuanjuWire

/// Where the services are and who is calling: shared by every command.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Folder of the services' sockets (env HUANJU_RUNTIME_DIR).")
    var runtimeDir: String = environment("HUANJU_RUNTIME_DIR") ?? "./var/run"

    @Option(name: .customLong("as"), help: "The calling customer's account id, sent as 'account-id' metadata (env HUANJU_ACCOUNT).")
    var account: String?

    @Flag(name: .customLong("operator"), help: "Call the operator socket (<service>-admin.sock) instead of the public one.")
    var operatorSocket = false

    @Flag(help: "Print the response as JSON instead of a table.")
    var json = false

    @Option(help: "Milliseconds to wait for an answer.")
    var deadlineMs: Int = 10_000

    /// The caller's account, from `--as` or `HUANJU_ACCOUNT`.
    var accountID: String? { account ?? environment("HUANJU_ACCOUNT") }

    /// A client of `service`'s public socket, or of its operator socket with `--operator` or
    /// `forceOperator`. A service that is not running is reported at once (exit 69), not
    /// waited for as services wait for a restarting peer.
    func client(_ service: String, operator forceOperator: Bool = false) -> RPCClient {
        RPCClient(socketPath: "\(runtimeDir)/\(service)\(operatorSocket || forceOperator ? "-admin" : "").sock",
                  connectRetry: .whileBusy)
    }

    /// Metadata with the caller's account id (required) and any extra entries.
    func customerMetadata(_ extra: [String: String] = [:]) throws -> [String: String] {
        guard let accountID else {
            throw ValidationError("this command acts for a customer: pass --as ACCOUNT_ID (or set HUANJU_ACCOUNT)")
        }
        return extra.merging([MetadataKey.accountID: accountID]) { new, _ in new }
    }

    /// Calls `method` of `service` and turns a refusal into `CallRefused`, which `main` prints
    /// with the status name and exits 65 (or 69 when unreachable). Methods proto/ declares for
    /// operators or peers go to the operator socket (`<service>-admin.sock`), others to the
    /// public one unless `--operator` is given.
    func call<Request, Response>(
        _ service: String, _ method: MethodDescriptor<Request, Response>, _ request: Request, metadata: [String: String] = [:]
    ) async throws -> Response {
        do {
            return try await client(service, operator: method.info.access.isOperatorSocketOnly)
                .call(method, request, metadata: metadata, deadline: .milliseconds(Int64(deadlineMs)))
        } catch let error as RPCError {
            throw CallRefused(error: error)
        }
    }
}

/// A call the service answered with a status other than OK (or could not be reached).
struct CallRefused: Error {
    let error: RPCError
}
