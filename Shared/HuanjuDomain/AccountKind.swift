/// How an account is registered (RULES §2). Only enterprises may apply for the paid service.
public enum AccountKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A company (企业); may apply for and, once approved, buy the formal service.
    case enterprise = "ENTERPRISE"
    /// A private person (个人); may use the free trial only.
    case individual = "INDIVIDUAL"
}
