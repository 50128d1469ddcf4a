@testable import BillingService
import Foundation
import GRDB
import HuanjuAPI
import HuanjuDomain
import HuanjuRuntime
import HuanjuTestSupport
import Testing

/// The billing database's migrations: billing-v3 renames the tables to the plural names (and
/// two instant columns to `<event>_at`) keeping every row and every key, and each
/// `Storage/Records` record names exactly its table's columns.
@Suite struct BillingMigrationTests {
    static let t = BillingHarness.start.ms

    /// A database file migrated up to billing-v2 (the shipped schema), holding one account's
    /// journey written as billing-v2 wrote it.
    static func databaseAtBillingV2() throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: "\(TemporaryDirectory.make("hjm"))/billing.sqlite")
        try BillingMigrations.migrator.migrate(queue, upTo: "billing-v2")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO account VALUES ('acc_A', 'ENTERPRISE', 'Acme', 'ops@acme.example', \(t));
                INSERT INTO application (account_id, submitted_at, decision_due, status, decided_at)
                    VALUES ('acc_A', \(t), \(t + 1), 'APPROVED', \(t + 2));
                INSERT INTO fee_term VALUES ('acc_A', \(t), \(t + 1_000_000));
                INSERT INTO expansion_ticket VALUES
                    ('tkt_1', 'acc_A', 'code_B', 2, 'PAID', NULL, \(t), \(t + 1), \(t + 2), NULL, 'ord_2');
                INSERT INTO purchase_order VALUES
                    ('ord_1', 'acc_A', 'ANNUAL_FEE', \(t), 14000000, 'K', NULL, NULL, NULL, NULL, NULL, \(t + 1_000_000), 'ord_1/'),
                    ('ord_2', 'acc_A', 'EXPANSION', \(t + 5), 2000000, 'P', NULL, NULL, NULL, 'tkt_1', 2, NULL, 'tkt_1/');
                INSERT INTO order_line VALUES
                    ('ord_1', 0, 'ANNUAL_FEE', 1, 14000000, 14000000),
                    ('ord_1', 1, 'GIFT_FLAGSHIP_CODE', 1, 0, 0),
                    ('ord_2', 0, 'EXPANSION', 2, 1000000, 2000000);
                INSERT INTO registration_key VALUES ('registration-key-0001', 'acc_A');
                """)
        }
        return queue
    }

    @Test func billingV3RenamesTheTablesKeepingEveryRowAndKey() async throws {
        // Given a database at billing-v2 with an account's rows
        let queue = try Self.databaseAtBillingV2()
        // When it is migrated to the latest schema
        try BillingMigrations.migrator.migrate(queue)
        // Then the tables have their plural names, hold the same rows, and every key still holds
        try await queue.read { (db: Database) throws in
            for (table, rows) in [("accounts", 1), ("applications", 1), ("fee_terms", 1), ("expansion_tickets", 1),
                                  ("orders", 2), ("order_lines", 3), ("registration_keys", 1)] {
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") == rows, "\(table)")
            }
            for old in ["account", "application", "fee_term", "expansion_ticket", "purchase_order", "order_line", "registration_key"] {
                #expect(try !db.tableExists(old), "\(old)")
            }
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            func referenced(_ table: String) throws -> Set<String> {
                Set(try db.foreignKeys(on: table).map(\.destinationTable))
            }
            #expect(try referenced("applications") == ["accounts"])
            #expect(try referenced("fee_terms") == ["accounts"])
            #expect(try referenced("expansion_tickets") == ["accounts"])
            #expect(try referenced("orders") == ["accounts", "expansion_tickets"])
            #expect(try referenced("order_lines") == ["orders"])
            #expect(try referenced("registration_keys") == ["accounts"])
            #expect(try Int64.fetchOne(db, sql: "SELECT decision_due_at FROM applications") == Self.t + 1)
            #expect(try Int64.fetchOne(db, sql: "SELECT fee_active_until_at FROM orders WHERE order_id = 'ord_1'")
                == Self.t + 1_000_000)
        }
        // And the keys are enforced under the new names
        await #expect(throws: DatabaseError.self) {
            try await queue.write { db in
                try db.execute(sql: "INSERT INTO order_lines VALUES ('ord_NONE', 0, 'ANNUAL_FEE', 1, 1, 1)")
            }
        }
        // And the service reads what billing-v2 wrote
        try await BillingHarness.run(try BillingHarness(database: queue)) { harness in
            let details = try await harness.accountDetails("acc_A")
            #expect(details.application?.status == .approved)
            #expect(details.fee?.terms == [BillingV1.FeeTerm(startMs: Self.t, endMs: Self.t + 1_000_000)])
            #expect(details.orders?.orderCount == 2)
            let orders = try await harness.orders("acc_A")
            #expect(orders.map(\.orderID) == ["ord_2", "ord_1"])
            #expect(orders.map(\.lines.count) == [1, 2])
            #expect(orders[0].ticketID == "tkt_1")
            #expect(orders[1].feeActiveUntilMs == Self.t + 1_000_000)
            let ticket = try await harness.call(
                Billing.getExpansionTicket, BillingV1.GetExpansionTicketRequest(ticketID: "tkt_1"), as: "acc_A")
            #expect((ticket.state, ticket.orderID) == (.paid, "ord_2"))
            // And retries still find what billing-v2 stored under their keys
            #expect(try await harness.buyFee("acc_A", key: "K").order?.orderID == "ord_1")
            let registration = try await harness.call(
                Billing.registerAccount,
                BillingV1.RegisterAccountRequest(kind: .enterprise, displayName: "Acme", contact: "ops@acme.example"),
                key: "registration-key-0001")
            #expect(registration.replayed)
            #expect(registration.account?.accountID == "acc_A")
        }
    }

    @Test func eachRecordNamesExactlyItsTablesColumns() throws {
        // Given the migrated schema
        let queue = try ServiceDatabase.inMemory(migrator: BillingMigrations.migrator)
        try queue.read { (db: Database) throws in
            // Then each record's coding keys are its table's columns, no more and no fewer
            func columns(_ table: String) throws -> Set<String> { Set(try db.columns(in: table).map(\.name)) }
            #expect(try columns(AccountRecord.databaseTableName) == Set(AccountRecord.Columns.allCases.map(\.rawValue)))
            #expect(try columns(ApplicationRecord.databaseTableName) == Set(ApplicationRecord.Columns.allCases.map(\.rawValue)))
            #expect(try columns(FeeTermRecord.databaseTableName) == Set(FeeTermRecord.Columns.allCases.map(\.rawValue)))
            #expect(try columns(ExpansionTicketRecord.databaseTableName)
                == Set(ExpansionTicketRecord.Columns.allCases.map(\.rawValue)))
            #expect(try columns(OrderRecord.databaseTableName) == Set(OrderRecord.Columns.allCases.map(\.rawValue)))
            #expect(try columns(OrderLineRecord.databaseTableName) == Set(OrderLineRecord.Columns.allCases.map(\.rawValue)))
            #expect(try columns(RegistrationKeyRecord.databaseTableName)
                == Set(RegistrationKeyRecord.Columns.allCases.map(\.rawValue)))
        }
    }
}
