import GRDB
import HuanjuDomain

/// One row of `codes`: an issued activation code, its binding once bound.
struct CodeRecord: Sendable, Equatable {
    var codeId: String
    var accountId: String
    /// The secret's canonical form (22 symbols, no prefix or hyphens): the lookup key.
    var secret: String
    var kind: CodeKind
    var addonGroups: Int
    var expansionGroups: Int
    var issuedAt: Instant
    var orderId: String
    var gift: Bool
    /// The billing event that issued it.
    var eventId: String
    var binding: CodeBinding?

    static let columns = """
        code_id, account_id, secret, kind, addon_groups, expansion_groups, issued_at, order_id, gift, event_id,
        device_id, wechat_openid, bound_at
        """

    init(codeId: String, accountId: String, secret: String, kind: CodeKind, addonGroups: Int, expansionGroups: Int,
         issuedAt: Instant, orderId: String, gift: Bool, eventId: String, binding: CodeBinding?) {
        self.codeId = codeId
        self.accountId = accountId
        self.secret = secret
        self.kind = kind
        self.addonGroups = addonGroups
        self.expansionGroups = expansionGroups
        self.issuedAt = issuedAt
        self.orderId = orderId
        self.gift = gift
        self.eventId = eventId
        self.binding = binding
    }

    /// Reads a row selected with `columns`.
    init(row: Row) throws {
        let kindText: String = row["kind"]
        guard let kind = CodeKind(rawValue: kindText) else {
            throw StoredDataError("code \(row["code_id"] as String) has an unknown kind '\(kindText)'")
        }
        codeId = row["code_id"]
        accountId = row["account_id"]
        secret = row["secret"]
        self.kind = kind
        addonGroups = row["addon_groups"]
        expansionGroups = row["expansion_groups"]
        issuedAt = Instant(unixMilliseconds: row["issued_at"])
        orderId = row["order_id"]
        gift = row["gift"]
        eventId = row["event_id"]
        if let boundAt: Int64 = row["bound_at"], let device: String = row["device_id"], let wechat: String = row["wechat_openid"] {
            binding = CodeBinding(deviceId: device, wechatOpenId: wechat, boundAt: Instant(unixMilliseconds: boundAt))
        } else {
            binding = nil
        }
    }

    /// Inserts the row; false (nothing written) when its secret is taken already.
    func insert(_ db: Database) throws -> Bool {
        try db.execute(sql: """
            INSERT OR IGNORE INTO codes (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                codeId, accountId, secret, kind.rawValue, addonGroups, expansionGroups, issuedAt.unixMilliseconds,
                orderId, gift, eventId, binding?.deviceId, binding?.wechatOpenId, binding?.boundAt.unixMilliseconds,
            ])
        return db.changesCount == 1
    }

    /// The code as the rules see it.
    func domainCode() throws -> ActivationCode {
        try ActivationCode(
            kind: kind, issuedAt: issuedAt, addOnGroups: addonGroups, expansionGroups: expansionGroups, binding: binding)
    }

    /// The secret, checked.
    func codeSecret() throws -> CodeSecret {
        do {
            return try CodeSecret(parsing: secret)
        } catch {
            throw StoredDataError("code \(codeId) has a stored secret that does not parse")
        }
    }
}

/// The database holds something the service never writes: a bug or a damaged file.
struct StoredDataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
