import HuanjuDomain

extension ActivationHandlers {
    /// The code a caller typed, found by its secret, with the secret read from the text.
    ///
    /// - Parameter account: the caller's account when it asks for its own code (room-session
    ///   forwarding the host's, a customer); nil when a peer or an operator asks about any code.
    /// - Throws: INVALID_ARGUMENT for a malformed or mistyped text (saying which); NOT_FOUND for
    ///   an unknown code and, in the same words, for another account's, before anything about
    ///   that code is looked at.
    func storedCode(typed text: String, forAccount account: String?) async throws -> (StoredCode, CodeSecret) {
        let secret: CodeSecret
        do throws(CodeSecret.ParseError) {
            secret = try CodeSecret(parsing: text)
        } catch {
            throw error.domainError
        }
        guard let stored = try await store.code(secret: secret), account.map({ $0 == stored.accountID }) ?? true else {
            throw secret.unknownCodeError(accountScoped: account != nil)
        }
        return (stored, secret)
    }
}
