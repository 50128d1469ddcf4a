import HuanjuDomain
import Testing

@Suite("Errors")
struct DomainErrorTests {
    @Test func errorCodesAreGrpcStatusNumbers() {
        // Given the domain's error codes / Then each carries gRPC's number and name
        let expected: [(DomainError.Code, Int, String)] = [
            (.invalidArgument, 3, "INVALID_ARGUMENT"), (.notFound, 5, "NOT_FOUND"), (.alreadyExists, 6, "ALREADY_EXISTS"),
            (.permissionDenied, 7, "PERMISSION_DENIED"), (.resourceExhausted, 8, "RESOURCE_EXHAUSTED"),
            (.failedPrecondition, 9, "FAILED_PRECONDITION"), (.outOfRange, 11, "OUT_OF_RANGE"),
        ]
        for (code, number, name) in expected {
            #expect(code.rawValue == number)
            #expect(code.description == name)
        }
        #expect(DomainError.Code.allCases.count == expected.count)
        // And an error reads as code and message
        #expect(DomainError.failedPrecondition("x").description == "FAILED_PRECONDITION: x")
        #expect(DomainError.notFound("x") == DomainError(.notFound, "x"))
    }
}
