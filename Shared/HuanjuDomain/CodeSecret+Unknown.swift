extension CodeSecret {
    /// The refusal for a code that does not exist and, in the same words, for another account's
    /// code (RULES §10: asking about someone else's gets the same answer as asking about
    /// something that does not exist). Whatever that code's binding or status, nothing else
    /// is said about it.
    ///
    /// - Parameter accountScoped: true when a customer asks for its own account (bind, start a
    ///   broadcast); false when an operator or a peer asks about any code.
    public func unknownCodeError(accountScoped: Bool) -> DomainError {
        accountScoped
            ? .notFound("this account holds no activation code \(masked); check the code you received "
                + "(list your codes with ListCodes)")
            : .notFound("no activation code \(masked) exists; check the code as the host typed it")
    }
}
