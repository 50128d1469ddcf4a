import CProtobufC
import HuanjuProtoC

/// A protobuf-c message descriptor generated from `proto/`, looked up by its full name, with
/// its fields indexed by number: what `MessageValidator` walks, and what tests read to check
/// that the generated Swift types cover proto/.
///
/// Descriptors are immutable static C data, so sharing the pointer across threads is safe.
public struct MessageDescriptor: @unchecked Sendable, Hashable {
    let pointer: UnsafePointer<ProtobufCMessageDescriptor>
    private let fields: FieldIndex

    private init(_ pointer: UnsafePointer<ProtobufCMessageDescriptor>) {
        self.pointer = pointer
        fields = FieldIndex(pointer)
    }

    public static func == (lhs: MessageDescriptor, rhs: MessageDescriptor) -> Bool { lhs.pointer == rhs.pointer }
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }

    /// The message's fully qualified name, e.g. `huanju.rpc.v1.Request`.
    public var fullName: String { String(cString: pointer.pointee.name) }

    /// The descriptor of the message named `fullName`, or nil when proto/ defines none.
    public static func named(_ fullName: String) -> MessageDescriptor? {
        registry.byName[fullName]
    }

    /// The registered descriptor at `pointer` (a sub-message field's type).
    static func at(_ pointer: UnsafePointer<ProtobufCMessageDescriptor>) -> MessageDescriptor {
        registry.byAddress[UInt(bitPattern: pointer)] ?? MessageDescriptor(pointer)
    }

    /// Every generated descriptor, built once from the generated table.
    private static let registry: (byName: [String: MessageDescriptor], byAddress: [UInt: MessageDescriptor]) = {
        var byName: [String: MessageDescriptor] = [:]
        var byAddress: [UInt: MessageDescriptor] = [:]
        for index in 0..<huanju_message_descriptor_count() {
            if let pointer = huanju_message_descriptor_at(index) {
                let descriptor = MessageDescriptor(pointer)
                byName[descriptor.fullName] = descriptor
                byAddress[UInt(bitPattern: pointer)] = descriptor
            }
        }
        return (byName, byAddress)
    }()


    /// One field of the message, as tests and tools walk it.
    public struct Field: Sendable {
        /// What the field holds.
        public enum Kind: Sendable {
            case string
            case bytes
            case message(MessageDescriptor)
            /// A number, a bool or an enum.
            case scalar
        }

        public let name: String
        public let number: UInt32
        public let kind: Kind
        public let isRepeated: Bool
        /// The limits proto/ declares on it, if any.
        public let rules: FieldRules?
    }

    /// Every field, by number.
    public var allFields: [Field] {
        fields.byNumber.keys.sorted().compactMap { number in
            guard let field = fields.byNumber[number] else { return nil }
            let kind: Field.Kind
            switch field.pointee.type {
            case PROTOBUF_C_TYPE_STRING: kind = .string
            case PROTOBUF_C_TYPE_BYTES: kind = .bytes
            case PROTOBUF_C_TYPE_MESSAGE:
                guard let raw = field.pointee.descriptor else { return nil }
                kind = .message(.at(raw.assumingMemoryBound(to: ProtobufCMessageDescriptor.self)))
            default: kind = .scalar
            }
            return Field(name: String(cString: field.pointee.name), number: number, kind: kind,
                         isRepeated: field.pointee.label == PROTOBUF_C_LABEL_REPEATED,
                         rules: FieldRules.of(message: fullName, field: number))
        }
    }

    /// The field numbered `number`, if the message has one.
    func field(number: UInt32) -> UnsafePointer<ProtobufCFieldDescriptor>? {
        fields.byNumber[number]
    }
}

/// A message's fields by number, built once per descriptor.
private final class FieldIndex: @unchecked Sendable {
    let byNumber: [UInt32: UnsafePointer<ProtobufCFieldDescriptor>]

    init(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) {
        var byNumber: [UInt32: UnsafePointer<ProtobufCFieldDescriptor>] = [:]
        for index in 0..<Int(descriptor.pointee.n_fields) {
            let field = descriptor.pointee.fields + index
            byNumber[field.pointee.id] = field
        }
        self.byNumber = byNumber
    }
}
