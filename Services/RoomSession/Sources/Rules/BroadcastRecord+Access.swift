extension BroadcastRecord {
    /// Whether a caller holding `token` or acting as `account` may see and end this broadcast:
    /// the host token, or the account whose code started a paid broadcast (RULES §9, §10).
    func admits(token: String, account: String?) -> Bool {
        if !token.isEmpty, HostToken.matches(token, digest: hostTokenDigest) { return true }
        if kind == .paid, let account, let accountID, account == accountID { return true }
        return false
    }
}
