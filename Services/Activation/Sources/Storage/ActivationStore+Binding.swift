import GRDB
import HuanjuDomain
import HuanjuRuntime

/// A customer's bind request, as received.
struct BindAttempt: Sendable {
    let accountID: String
    let text: String
    let deviceID: String
    let wechatOpenid: String
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
            let counting = try Self.wrongCodes(db, account: attempt.accountID, limit: limit, at: now)
            if let until = limit.pausedUntil(counting: counting) {
                return .refused(limit.pausedError(until: until), wrongCode: false)
            }
            for (value, what) in [
                (attempt.text, "the code"), (attempt.deviceID, "a device id"), (attempt.wechatOpenid, "a WeChat id (openid)"),
            ]
            where value.allSatisfy(\.isWhitespace) {
                return .refused(.invalidArgument("cannot bind the code: \(what) is required"), wrongCode: false)
            }

            func wrongCode(_ error: DomainError) throws -> BindResult {
                try BindFailureRecord
                    .filter(BindFailureRecord.Columns.accountID == attempt.accountID
                        && BindFailureRecord.Columns.failedAt <= limit.windowStart(at: now).unixMilliseconds)
                    .deleteAll(db)
                try BindFailureRecord(id: nil, accountID: attempt.accountID, failedAt: now).insert(db)
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
            guard let record = try Self.codeRecord(db, secret: secret), record.accountID == attempt.accountID else {
                return try wrongCode(secret.unknownCodeError(accountScoped: true))
            }
            guard let stored = try Self.assemble(db, [record]).first else {
                throw StoredDataError("code \(record.codeID) vanished while binding")
            }
            var code = stored.code
            let outcome: BindOutcome
            do throws(DomainError) {
                outcome = try code.bind(
                    device: attempt.deviceID, wechat: attempt.wechatOpenid, at: now, fee: stored.fee, label: secret.masked)
            } catch {
                return .refused(error, wrongCode: false)
            }
            guard outcome == .bound, let binding = code.binding else { return .bound(stored, newly: false) }
            // The feed: what the clock made due before the binding, then the binding.
            try Self.recordClockEvents(db, through: now - .milliseconds(1), at: now)
            var bound = record
            bound.binding = binding
            typealias Columns = CodeRecord.Columns
            let updated = try CodeRecord
                .filter(Columns.codeID == record.codeID && Columns.boundAt == nil)
                .updateAll(db, [
                    Columns.deviceID.set(to: binding.deviceID), Columns.wechatOpenid.set(to: binding.wechatOpenid),
                    Columns.boundAt.set(to: binding.boundAt.unixMilliseconds),
                    Columns.validUntilAt.set(to: bound.validUntilAt?.unixMilliseconds),
                ])
            guard updated == 1 else { throw StoredDataError("code \(record.codeID) was bound concurrently") }
            if let validUntil = bound.validUntilAt {
                try Self.record(db, FeedFacts.codeBound(
                    codeID: record.codeID, accountID: record.accountID, masked: secret.masked, binding: binding,
                    validUntil: validUntil), at: now)
            }
            return .bound(
                StoredCode(record: bound, code: code, secret: secret, fee: stored.fee, expansions: stored.expansions),
                newly: true)
        }
    }

    /// The caller's wrong codes that still count at `now`, oldest first.
    private static func wrongCodes(_ db: Database, account: String, limit: BindRateLimit, at now: Instant) throws -> [Instant] {
        typealias Columns = BindFailureRecord.Columns
        return try BindFailureRecord
            .filter(Columns.accountID == account
                && Columns.failedAt > limit.windowStart(at: now).unixMilliseconds
                && Columns.failedAt <= now.unixMilliseconds)
            .order(Columns.failedAt)
            .fetchAll(db)
            .map(\.failedAt)
    }
}
