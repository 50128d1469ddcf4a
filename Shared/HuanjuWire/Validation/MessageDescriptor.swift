import CProtobufC
import HuanjuProtoC

/// A protobuf-c message descriptor generated from `proto/`, looked up by its full name, with
/// its fields compiled once into what `MessageValidator` needs per field (kind, limits, the
/// nested message's descriptor), so that checking a message costs no lookup by name: what the
/// validator walks, and what tests read to check that the generated Swift types cover proto/.
///
/// Descriptors are immutable static C data, so sharing the pointer across threads is safe.
public struct MessageDescriptor: @unchecked Sendable, Hashable {
    let pointer: UnsafePointer<ProtobufCMessageDescriptor>
    let table: FieldTable

    private init(_ pointer: UnsafePointer<ProtobufCMessageDescriptor>) {
        self.pointer = pointer
        table = FieldTable(pointer)
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

    /// Every generated descriptor, built once from the generated table, each message field
    /// linked to its type's descriptor.
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
        for descriptor in byAddress.values {
            descriptor.table.link { byAddress[UInt(bitPattern: $0)] ?? MessageDescriptor($0) }
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
        table.fields.sorted { $0.number < $1.number }.map { field in
            let kind: Field.Kind
            switch field.kind {
            case .string: kind = .string
            case .bytes: kind = .bytes
            case .message: kind = .message(table.nested(field))
            case .scalar, .packed: kind = .scalar
            }
            return Field(name: String(cString: field.pointer.pointee.name), number: field.number, kind: kind,
                         isRepeated: field.repeatedSlot >= 0,
                         rules: FieldRules.of(message: fullName, field: field.number))
        }
    }
}

/// A message's fields compiled for checking: by number (an array for the usual small numbers),
/// each with its kind, its limits from `FieldRules`, and its slot among the repeated fields.
final class FieldTable: @unchecked Sendable {
    /// How a field's values are read on the wire.
    enum Kind {
        case string
        case bytes
        /// A sub-message: `FieldTable.nested(_:)` gives its descriptor.
        case message
        /// A packed repeated number of fixed `width` bytes (0: varints).
        case packed(width: Int)
        /// A number, bool or enum, not packed.
        case scalar
    }

    struct Field {
        let pointer: UnsafePointer<ProtobufCFieldDescriptor>
        let number: UInt32
        let kind: Kind
        /// The field's place among the message's repeated fields (their element counts); -1 when not repeated.
        let repeatedSlot: Int
        /// From `FieldRules`; 0 = no limit.
        let maxBytes: Int
        let maxItems: Int
        /// The position of the sub-message's descriptor in `nestedDescriptors`; -1 otherwise.
        let nestedSlot: Int
    }

    /// Field numbers up to this are found by index.
    private static let denseLimit: UInt32 = 64

    let fields: [Field]
    /// Positions in `fields` by number (−1: none), for numbers below `denseLimit`.
    private let dense: [Int8]
    /// Positions in `fields` of larger numbers.
    private let sparse: [UInt32: Int]
    /// How many repeated fields the message has.
    let repeatedCount: Int
    private let nestedPointers: [UnsafePointer<ProtobufCMessageDescriptor>]
    /// Set once by the registry (or on first use for a descriptor outside it).
    private var nestedDescriptors: [MessageDescriptor]?

    init(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) {
        let messageName = String(cString: descriptor.pointee.name)
        var fields: [Field] = []
        var dense = [Int8](repeating: -1, count: Int(Self.denseLimit))
        var sparse: [UInt32: Int] = [:]
        var repeatedCount = 0
        var nestedPointers: [UnsafePointer<ProtobufCMessageDescriptor>] = []
        for index in 0..<Int(descriptor.pointee.n_fields) {
            let pointer = descriptor.pointee.fields + index
            let number = pointer.pointee.id
            let isRepeated = pointer.pointee.label == PROTOBUF_C_LABEL_REPEATED
            let kind: Kind
            var nestedSlot = -1
            switch pointer.pointee.type {
            case PROTOBUF_C_TYPE_STRING: kind = .string
            case PROTOBUF_C_TYPE_BYTES: kind = .bytes
            case PROTOBUF_C_TYPE_MESSAGE:
                if let raw = pointer.pointee.descriptor {
                    nestedSlot = nestedPointers.count
                    nestedPointers.append(raw.assumingMemoryBound(to: ProtobufCMessageDescriptor.self))
                    kind = .message
                } else {
                    kind = .scalar   // never generated; the validator then refuses its bytes
                }
            case PROTOBUF_C_TYPE_FIXED64, PROTOBUF_C_TYPE_SFIXED64, PROTOBUF_C_TYPE_DOUBLE:
                kind = isRepeated ? .packed(width: 8) : .scalar
            case PROTOBUF_C_TYPE_FIXED32, PROTOBUF_C_TYPE_SFIXED32, PROTOBUF_C_TYPE_FLOAT:
                kind = isRepeated ? .packed(width: 4) : .scalar
            default:
                kind = isRepeated ? .packed(width: 0) : .scalar
            }
            let rules = FieldRules.of(message: messageName, field: number)
            if number < Self.denseLimit { dense[Int(number)] = Int8(fields.count) } else { sparse[number] = fields.count }
            fields.append(Field(pointer: pointer, number: number, kind: kind, repeatedSlot: isRepeated ? repeatedCount : -1,
                                maxBytes: rules?.maxBytes ?? 0, maxItems: rules?.maxItems ?? 0, nestedSlot: nestedSlot))
            if isRepeated { repeatedCount += 1 }
        }
        self.fields = fields
        self.dense = dense
        self.sparse = sparse
        self.repeatedCount = repeatedCount
        self.nestedPointers = nestedPointers
    }

    /// Links each sub-message field to its type's descriptor (the registry does this once,
    /// before any descriptor is shared).
    func link(_ descriptor: (UnsafePointer<ProtobufCMessageDescriptor>) -> MessageDescriptor) {
        nestedDescriptors = nestedPointers.map(descriptor)
    }

    /// The field numbered `number`, if the message has one.
    func field(number: UInt32) -> Field? {
        if number < Self.denseLimit {
            let position = dense[Int(number)]
            return position < 0 ? nil : fields[Int(position)]
        }
        return sparse[number].map { fields[$0] }
    }

    /// The descriptor of a sub-message field's type.
    func nested(_ field: Field) -> MessageDescriptor {
        if let nestedDescriptors { return nestedDescriptors[field.nestedSlot] }
        return MessageDescriptor.at(nestedPointers[field.nestedSlot])
    }
}
