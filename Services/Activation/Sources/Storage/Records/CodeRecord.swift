import GRDB
import HuanjuDomain
import HuanjuRuntime

/// One row of `codes`: an issued activation code, and its binding once bound.
struct CodeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "codes"

    var codeID: String
    var accountID: String
    /// The secret's canonical form (22 symbols, no prefix or hyphens): the lookup key.
    var secret: String
    /// `FLAGSHIP` or `STANDARD` (`CodeKind`'s raw value); read through `domainCode()`.
    var kind: String
    var addonGroups: Int
    var expansionGroups: Int
    var issuedAt: Instant
    var orderID: String
    var gift: Bool
    /// The billing event that issued it.
    var eventID: String
    /// The binding's three columns: all NULL while unbound, all set once bound.
    var deviceID: String?
    var wechatOpenid: String?
    var boundAt: Instant?
    /// Kept with the row for the feed's clock, which looks codes up by their deadlines:
    /// `addMonths(issuedAt, 2)`, and the validity end once bound (nil before).
    var bindDeadlineAt: Instant
    var validUntilAt: Instant?

    /// The table's columns, named once.
    enum CodingKeys: String, CodingKey {
        case codeID = "code_id"
        case accountID = "account_id"
        case secret
        case kind
        case addonGroups = "addon_groups"
        case expansionGroups = "expansion_groups"
        case issuedAt = "issued_at"
        case orderID = "order_id"
        case gift
        case eventID = "event_id"
        case deviceID = "device_id"
        case wechatOpenid = "wechat_openid"
        case boundAt = "bound_at"
        case bindDeadlineAt = "bind_deadline_at"
        case validUntilAt = "valid_until_at"
    }

    /// The columns queries filter, order or update on.
    enum Columns {
        static let codeID = Column(CodingKeys.codeID)
        static let accountID = Column(CodingKeys.accountID)
        static let secret = Column(CodingKeys.secret)
        static let issuedAt = Column(CodingKeys.issuedAt)
        static let expansionGroups = Column(CodingKeys.expansionGroups)
        static let deviceID = Column(CodingKeys.deviceID)
        static let wechatOpenid = Column(CodingKeys.wechatOpenid)
        static let boundAt = Column(CodingKeys.boundAt)
        static let bindDeadlineAt = Column(CodingKeys.bindDeadlineAt)
        static let validUntilAt = Column(CodingKeys.validUntilAt)
    }

    /// A fresh, unbound code.
    init(codeID: String, accountID: String, secret: String, kind: CodeKind, addonGroups: Int, issuedAt: Instant,
         orderID: String, gift: Bool, eventID: String) {
        self.codeID = codeID
        self.accountID = accountID
        self.secret = secret
        self.kind = kind.rawValue
        self.addonGroups = addonGroups
        self.expansionGroups = 0
        self.issuedAt = issuedAt
        self.orderID = orderID
        self.gift = gift
        self.eventID = eventID
        self.bindDeadlineAt = ActivationCode.bindDeadline(issuedAt: issuedAt)
    }

    /// Whom the code is bound to; nil while unbound. Setting it sets the validity end too.
    var binding: CodeBinding? {
        get {
            guard let deviceID, let wechatOpenid, let boundAt else { return nil }
            return CodeBinding(deviceID: deviceID, wechatOpenid: wechatOpenid, boundAt: boundAt)
        }
        set {
            deviceID = newValue?.deviceID
            wechatOpenid = newValue?.wechatOpenid
            boundAt = newValue?.boundAt
            validUntilAt = newValue.map { ActivationCode.validityEnd(boundAt: $0.boundAt) }
        }
    }

    /// The code as the rules see it.
    ///
    /// - Throws: `StoredDataError` for a kind the service never writes.
    func domainCode() throws -> ActivationCode {
        guard let kind = CodeKind(rawValue: kind) else {
            throw StoredDataError.unexpected(kind, in: "codes.kind")
        }
        return try ActivationCode(
            kind: kind, issuedAt: issuedAt, addOnGroups: addonGroups, expansionGroups: expansionGroups, binding: binding)
    }

    /// The secret, checked.
    ///
    /// - Throws: `StoredDataError` when the stored text does not parse.
    func codeSecret() throws -> CodeSecret {
        do {
            return try CodeSecret(parsing: secret)
        } catch {
            throw StoredDataError("code \(codeID) has a stored secret that does not parse")
        }
    }
}
