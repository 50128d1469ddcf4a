import HuanjuWire

/// Generated messages as JSON, for `--json`: the keys are proto/'s field names (`account_id`),
/// enums their numbers, instants Unix milliseconds; an unset sub-message is left out and a
/// oneof appears as the field of its member that is set — what scripts such as deploy/demo.sh
/// read. Every stored property of a generated message is a field of proto/ (or a oneof of
/// them), so the message is walked with `Mirror` and each property named after its field in
/// the message's descriptor.
enum ProtoJSON {
    /// `message` as a JSON object.
    static func value(_ message: any ProtoMessage) -> JSONValue {
        let names = fieldNames(of: type(of: message))
        var object: [String: JSONValue] = [:]
        for child in Mirror(reflecting: message).children {
            guard let label = child.label else { continue }
            guard let present = unwrapped(child.value) else { continue }
            if !(present is any ProtoEnum), let member = oneofMember(present) {
                // A oneof: its member's field, named after that member.
                object[name(member.label, in: names)] = json(member.value)
            } else {
                object[name(label, in: names)] = json(present)
            }
        }
        return .object(object)
    }

    /// The proto field name of the Swift property (or oneof case) `label` of a message whose
    /// fields are `names`: the field whose name without underscores is the label, ignoring case
    /// (`accountID` is `account_id`, `wechatOpenid` is `wechat_openid`).
    static func name(_ label: String, in names: [String: String]) -> String {
        names[normalized(label)] ?? label
    }

    /// The fields of `type`'s descriptor, by their normalized names.
    static func fieldNames(of type: any ProtoMessage.Type) -> [String: String] {
        let fields = MessageDescriptor.named(type.protoName)?.allFields ?? []
        return Dictionary(fields.map { (normalized($0.name), $0.name) }) { first, _ in first }
    }

    private static func normalized(_ name: String) -> String {
        name.lowercased().filter { $0 != "_" }
    }

    /// The value inside an optional (nil when it is empty); any other value as it is.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    /// The case and payload of a oneof's enum value (nil for anything else).
    private static func oneofMember(_ value: Any) -> (label: String, value: Any)? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .enum, let member = mirror.children.first, let label = member.label else { return nil }
        return (label, member.value)
    }

    /// A field's value: a message, an enum (its number), a scalar, text or a repeated field.
    private static func json(_ value: Any) -> JSONValue {
        switch value {
        case let message as any ProtoMessage: return self.value(message)
        case let number as any ProtoEnum: return .integer(Int64(number.rawValue))
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int32: return .integer(Int64(number))
        case let number as Int64: return .integer(number)
        case let number as UInt8: return .integer(Int64(number))
        case let number as UInt32: return .integer(Int64(number))
        case let number as UInt64: return .unsigned(number)
        case let number as Double: return .double(number)
        case let number as Float: return .double(Double(number))
        case let elements as [Any]: return .array(elements.map(json))
        default: return .string("\(value)")
        }
    }
}

/// A JSON value, encoded by `Output.json`.
enum JSONValue: Encodable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case double(Double)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let members): try container.encode(members)
        case .array(let elements): try container.encode(elements)
        case .string(let text): try container.encode(text)
        case .bool(let flag): try container.encode(flag)
        case .integer(let number): try container.encode(number)
        case .unsigned(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        }
    }
}
