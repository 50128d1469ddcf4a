import ArgumentParser
import HuanjuAPI
@testable import huanjuctl
import HuanjuWire
import Testing

/// huanjuctl's command list agrees with the methods proto/ declares: every method of billing,
/// activation and room-session, and the standard Health/Check, Reflection/ListMethods and
/// Metrics/Get, is called by some command (`CallingCommand.methods`), except the ones listed
/// below, and no command names a method proto/ does not have.
@Suite struct HuanjuctlMethodCoverageTests {
    /// Methods no command calls, each with the reason.
    static let notCalledByHuanjuctl: Set<String> = [
        // The peer deliveries: only the outbox relays call them, with events their own service
        // recorded; a person sending one by hand would bypass the outbox's order and its ids.
        ActivationV1.ActivationService.Method.deliverBillingEvent.name,
        ActivationV1.ActivationService.Method.deliverSessionEvent.name,
        BillingV1.BillingService.Method.deliverActivationEvent.name,
        SessionV1.RoomSessionService.Method.deliverAccountEvent.name,
    ]

    /// The methods `command` and its subcommands, at any depth, say they call.
    static func methods(reachableFrom command: any ParsableCommand.Type) -> [MethodInfo] {
        let own = (command as? any CallingCommand.Type)?.methods ?? []
        return own + command.configuration.subcommands.flatMap { methods(reachableFrom: $0) }
    }

    @Test func everyMethodOfTheServicesHasACommandExceptThePeerDeliveries() {
        // Given every method of proto/'s services and the standard services
        let declared = Set((HuanjuAPIMethods.all + HuanjuWireMethods.all).map(\.name))
        // When huanjuctl's commands are walked from the root
        let reachable = Set(Self.methods(reachableFrom: Huanjuctl.self).map(\.name))
        // Then they reach exactly those methods, less the ones no command should call
        let expected = declared.subtracting(Self.notCalledByHuanjuctl)
        #expect(expected.subtracting(reachable).isEmpty, "methods without a command: \(expected.subtracting(reachable).sorted())")
        #expect(reachable.subtracting(expected).isEmpty, "commands calling methods not expected: \(reachable.subtracting(expected).sorted())")
        // And every exclusion is a method proto/ declares (a renamed method cannot hide here)
        #expect(Self.notCalledByHuanjuctl.isSubset(of: declared))
    }

    @Test func theStandardMethodsAreReachable() {
        // Given the standard services every process serves
        let reachable = Set(Self.methods(reachableFrom: Huanjuctl.self).map(\.name))
        // Then health, methods and stats call them
        #expect(reachable.contains(HealthV1.HealthService.Method.check.name))
        #expect(reachable.contains(ReflectionV1.ReflectionService.Method.listMethods.name))
        #expect(reachable.contains(MetricsV1.MetricsService.Method.get.name))
    }
}
