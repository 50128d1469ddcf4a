import HuanjuWire

/// Swift mirrors of `proto/conformance.proto`, covering every field kind the bridge supports.
enum Colour: Int32, Codable, Sendable {
    case unspecified = 0
    case red = 1
    case green = 2
}

struct Inner: BridgedWireMessage, Equatable {
    static let protoName = "huanju.conformance.v1.Inner"
    var label: String
    var amount: Int64
}

struct AllKinds: BridgedWireMessage, Equatable {
    static let protoName = "huanju.conformance.v1.AllKinds"
    var i32: Int32 = 0
    var i64: Int64 = 0
    var u32: UInt32 = 0
    var u64: UInt64 = 0
    var s64: Int64 = 0
    var flag = false
    var text = ""
    var blob: [UInt8] = []
    var colour = Colour.unspecified
    var inner: Inner?
    var tags: [String] = []
    var numbers: [Int64] = []
    var items: [Inner] = []
    var ratio: Double = 0
    var f64: UInt64 = 0
}
