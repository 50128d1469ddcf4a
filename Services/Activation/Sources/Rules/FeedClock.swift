import HuanjuDomain

/// The feed events the business clock makes due by itself (RULES §4–§5): a fee term that
/// ends without a renewal, the codes it suspends, the codes a renewal after a lapse restores,
/// a binding window that closes on an unbound code, a validity that ends, and the reminders
/// before each deadline that loses money. Pure: what is due depends only on the codes and fee
/// schedules as known now and on the span of time the clock passed.
enum FeedClock {
    /// Reminders before an unbound code's binding window closes (days before).
    static let bindReminderDays: [Int64] = [14, 3, 1]
    /// Reminders before the annual fee ends.
    static let feeEndReminderDays: [Int64] = [30, 7, 1]
    /// Reminders before a code's validity ends.
    static let codeExpiryReminderDays: [Int64] = [30, 7]

    /// How far ahead of the clock a deadline can lie and still have a reminder due now: the
    /// store fetches codes and terms with deadlines up to `through` + this.
    static let longestReminder = TimeSpan.days(30)

    /// Every event due in `(after, through]`, in the order of their instants (at one instant:
    /// the fee's lapse, then what it suspends, restores, lapses, expires, then reminders).
    ///
    /// - Parameters:
    ///   - codes: every code with a deadline (bind deadline, validity end) up to `through` +
    ///     `longestReminder`, and every bound code of the accounts in `fees`; more is harmless.
    ///   - fees: the schedules of every account with a term starting in the span or ending up
    ///     to `through` + `longestReminder`.
    static func due(after: Instant, through: Instant, codes: [FeedCode], fees: [String: FeeSchedule]) -> [FeedEntry] {
        guard after < through else { return [] }
        func inSpan(_ instant: Instant) -> Bool { after < instant && instant <= through }
        var due: [(entry: FeedEntry, rank: Int)] = []
        let codesByAccount = Dictionary(grouping: codes, by: \.accountID)

        for (accountID, fee) in fees {
            for (index, term) in fee.terms.enumerated() {
                let end = term.end
                if !fee.isActive(at: end) {
                    if inSpan(end) {
                        due.append((feeLapsed(accountID, at: end), 0))
                        for code in codesByAccount[accountID] ?? [] {
                            guard let boundAt = code.boundAt, let validUntil = code.validUntil,
                                  boundAt < end, end < validUntil else { continue }
                            due.append((codeSuspended(code, at: end, validUntil: validUntil), 1))
                        }
                    }
                    for days in feeEndReminderDays where inSpan(end - .days(days)) {
                        due.append((feeEndReminder(accountID, end: end, days: days), 5))
                    }
                }
                let start = term.start
                if index > 0, inSpan(start), !fee.isActive(at: start - .milliseconds(1)) {
                    for code in codesByAccount[accountID] ?? [] {
                        guard let boundAt = code.boundAt, let validUntil = code.validUntil,
                              boundAt < start, start < validUntil else { continue }
                        due.append((codeRestored(code, at: start, validUntil: validUntil), 2))
                    }
                }
            }
        }

        for code in codes {
            guard let validUntil = code.validUntil else {
                if inSpan(code.bindDeadline) { due.append((codeLapsed(code), 3)) }
                for days in bindReminderDays where inSpan(code.bindDeadline - .days(days)) {
                    due.append((bindReminder(code, days: days), 5))
                }
                continue
            }
            if inSpan(validUntil) { due.append((codeExpired(code, at: validUntil), 4)) }
            for days in codeExpiryReminderDays where inSpan(validUntil - .days(days)) {
                due.append((codeExpiryReminder(code, validUntil: validUntil, days: days), 5))
            }
        }

        var seen = Set<String>()
        return due
            .filter { seen.insert($0.entry.eventID).inserted }
            .sorted { ($0.entry.occurredAt, $0.rank, $0.entry.eventID) < ($1.entry.occurredAt, $1.rank, $1.entry.eventID) }
            .map(\.entry)
    }

    // MARK: The events and their words

    private static func feeLapsed(_ accountID: String, at end: Instant) -> FeedEntry {
        FeedEntry(
            eventID: "fee-lapsed:\(accountID):\(end.unixMilliseconds)", accountID: accountID, kind: .feeLapsed,
            occurredAt: end, deadline: end,
            text: "The annual fee ended at \(ChinaTime.format(end)) without a renewal: every code of the account is "
                + "suspended until the annual fee is renewed.")
    }

    private static func codeSuspended(_ code: FeedCode, at end: Instant, validUntil: Instant) -> FeedEntry {
        FeedEntry(
            eventID: "code-suspended:\(code.codeID):\(end.unixMilliseconds)", accountID: code.accountID,
            kind: .codeSuspended, occurredAt: end, codeID: code.codeID, codeMasked: code.masked, deadline: validUntil,
            text: "Code \(code.masked) is suspended from \(ChinaTime.format(end)): the annual fee ended. Renew the "
                + "annual fee to use it again; it stays valid until \(ChinaTime.format(validUntil)).")
    }

    private static func codeRestored(_ code: FeedCode, at start: Instant, validUntil: Instant) -> FeedEntry {
        FeedEntry(
            eventID: "code-restored:\(code.codeID):\(start.unixMilliseconds)", accountID: code.accountID,
            kind: .codeRestored, occurredAt: start, codeID: code.codeID, codeMasked: code.masked, deadline: validUntil,
            text: "Code \(code.masked) is usable again from \(ChinaTime.format(start)): the annual fee was renewed. "
                + "It is valid until \(ChinaTime.format(validUntil)).")
    }

    private static func codeLapsed(_ code: FeedCode) -> FeedEntry {
        FeedEntry(
            eventID: "code-lapsed:\(code.codeID)", accountID: code.accountID, kind: .codeLapsed,
            occurredAt: code.bindDeadline, codeID: code.codeID, codeMasked: code.masked, deadline: code.bindDeadline,
            text: "Code \(code.masked) was not bound before \(ChinaTime.format(code.bindDeadline)) and has lapsed "
                + "for good: it can no longer be bound or used.")
    }

    private static func codeExpired(_ code: FeedCode, at validUntil: Instant) -> FeedEntry {
        FeedEntry(
            eventID: "code-expired:\(code.codeID)", accountID: code.accountID, kind: .codeExpired,
            occurredAt: validUntil, codeID: code.codeID, codeMasked: code.masked, deadline: validUntil,
            text: "Code \(code.masked) expired at \(ChinaTime.format(validUntil)). Codes are not renewable: buy a "
                + "new code.")
    }

    private static func bindReminder(_ code: FeedCode, days: Int64) -> FeedEntry {
        FeedEntry(
            eventID: "bind-reminder-\(days)d:\(code.codeID)", accountID: code.accountID, kind: .bindReminder,
            occurredAt: code.bindDeadline - .days(days), codeID: code.codeID, codeMasked: code.masked,
            deadline: code.bindDeadline, daysLeft: Int(days),
            text: "Code \(code.masked) must be bound before \(ChinaTime.format(code.bindDeadline)) (\(inDays(days))), "
                + "or it lapses for good: bind it.")
    }

    private static func feeEndReminder(_ accountID: String, end: Instant, days: Int64) -> FeedEntry {
        FeedEntry(
            eventID: "fee-end-reminder-\(days)d:\(accountID):\(end.unixMilliseconds)", accountID: accountID,
            kind: .feeEndReminder, occurredAt: end - .days(days), deadline: end, daysLeft: Int(days),
            text: "The annual fee ends at \(ChinaTime.format(end)) (\(inDays(days))): renew the annual fee before "
                + "then, or every code of the account is suspended at that minute.")
    }

    private static func codeExpiryReminder(_ code: FeedCode, validUntil: Instant, days: Int64) -> FeedEntry {
        FeedEntry(
            eventID: "code-expiry-reminder-\(days)d:\(code.codeID)", accountID: code.accountID,
            kind: .codeExpiryReminder, occurredAt: validUntil - .days(days), codeID: code.codeID,
            codeMasked: code.masked, deadline: validUntil, daysLeft: Int(days),
            text: "Code \(code.masked) is valid until \(ChinaTime.format(validUntil)) (\(inDays(days))). Codes are not "
                + "renewable: buy a new code to keep broadcasting after that.")
    }

    private static func inDays(_ days: Int64) -> String { days == 1 ? "in 1 day" : "in \(days) days" }
}
