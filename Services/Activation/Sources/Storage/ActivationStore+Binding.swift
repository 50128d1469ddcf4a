import GRDB
import HuanjuDomain

/// A customer's bind request, as received.
struct BindAttempt: Sendable {
    let accountId: String
    let text: String
    let deviceId: String
    let wechatOpenId: String
}

/// The answer to a bind attempt. A refusal is returned, not thrown, so that the wrong-code
/// record written in the same transaction commits.
enum BindResult: Sendable {
    case bound(StoredCode, newly: Bool)
    case refused(DomainError, wrongCode: Bool)
}

extension ActivationStore {
    /// Binds one of the caller's codes (RULES §5), under the wrong-code limit: one transaction
    /// that checks the limit, finds the code, binds it durably, or records a wrong code.
    func bind(_ attempt: BindAttempt, limit: BindRateLimit, at now: Instant) async throws -> BindResult {
        try await database.write { db in
            let counting = try Self.wrongCodes(db, account: attempt.accountId, limit: limit, at: now)
            if let until = limit.pausedUntil(counting: counting) {
                return .refused(limit.pausedError(until: until), wrongCode: false)
            }
            for (value, what) in [
                (attempt.text, "the code"), (attempt.deviceId, "a device id"), (attempt.wechatOpenId, "a WeChat id (openid)"),
            ]
            where value.allSatisfy(\.isWhitespace) {
                return .refused(.invalidArgument("cannot bind the code: \(what) is required"), wrongCode: false)
            }

            func wrongCode(_ error: DomainError) throws -> BindResult {
                try db.execute(sql: "DELETE FROM bind_failures WHERE account_id = ? AND failed_at <= ?",
                               arguments: [attempt.accountId, limit.windowStart(at: now).unixMilliseconds])
                try db.execute(sql: "INSERT INTO bind_failures (account_id, failed_at) VALUES (?, ?)",
                               arguments: [attempt.accountId, now.unixMilliseconds])
                let all = counting + [now]
                let warning = limit.warning(afterWrongCodes: all.count, newest: now, counting: all)
                return .refused(DomainError(error.code, error.message + warning), wrongCode: true)
            }

            let secret: CodeSecret
            do throws(CodeSecret.ParseError) {
                secret = try CodeSecret(parsing: attempt.text)
            } catch {
                return try wrongCode(error.domainError)
            }
            guard let record = try Self.codeRecord(db, secret: secret), record.accountId == attempt.accountId else {
                return try wrongCode(secret.unknownCodeError(accountScoped: true))
            }
            guard let stored = try Self.assemble(db, [record]).first else {
                throw StoredDataError("code \(record.codeId) vanished while binding")
            }
            var code = stored.code
            let outcome: BindOutcome
            do throws(DomainError) {
                outcome = try code.bind(
                    device: attempt.deviceId, wechat: attempt.wechatOpenId, at: now, fee: stored.fee, label: secret.masked)
            } catch {
                return .refused(error, wrongCode: false)
            }
            guard outcome == .bound, let binding = code.binding else { return .bound(stored, newly: false) }
            try db.execute(sql: """
                UPDATE codes SET device_id = ?, wechat_openid = ?, bound_at = ? WHERE code_id = ? AND bound_at IS NULL
                """, arguments: [binding.deviceId, binding.wechatOpenId, binding.boundAt.unixMilliseconds, record.codeId])
            guard db.changesCount == 1 else { throw StoredDataError("code \(record.codeId) was bound concurrently") }
            var bound = record
            bound.binding = binding
            return .bound(
                StoredCode(record: bound, code: code, secret: secret, fee: stored.fee, expansions: stored.expansions),
                newly: true)
        }
    }

    /// The caller's wrong codes that still count at `now`, oldest first.
    private static func wrongCodes(_ db: Database, account: String, limit: BindRateLimit, at now: Instant) throws -> [Instant] {
        try Int64.fetchAll(db, sql: """
            SELECT failed_at FROM bind_failures WHERE account_id = ? AND failed_at > ? AND failed_at <= ?
            ORDER BY failed_at
            """, arguments: [account, limit.windowStart(at: now).unixMilliseconds, now.unixMilliseconds])
            .map(Instant.init(unixMilliseconds:))
    }
}
