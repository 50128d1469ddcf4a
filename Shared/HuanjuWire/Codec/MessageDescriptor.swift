import CProtobufC
import HuanjuProtoC

/// A protobuf-c message descriptor generated from `proto/`, looked up by its full name.
///
/// Descriptors are immutable static C data, so sharing the pointer across threads is safe.
public struct MessageDescriptor: @unchecked Sendable, Hashable {
    let pointer: UnsafePointer<ProtobufCMessageDescriptor>

    init(_ pointer: UnsafePointer<ProtobufCMessageDescriptor>) {
        self.pointer = pointer
    }

    /// The message's fully qualified name, e.g. `huanju.rpc.v1.Request`.
    public var fullName: String { String(cString: pointer.pointee.name) }

    /// The descriptor of the message named `fullName`, or nil when proto/ defines none.
    public static func named(_ fullName: String) -> MessageDescriptor? {
        registry[fullName]
    }

    /// Every generated descriptor by full name, built once from the generated table.
    private static let registry: [String: MessageDescriptor] = {
        var all: [String: MessageDescriptor] = [:]
        for index in 0..<huanju_message_descriptor_count() {
            if let descriptor = huanju_message_descriptor_at(index) {
                let entry = MessageDescriptor(descriptor)
                all[entry.fullName] = entry
            }
        }
        return all
    }()

    var sizeofMessage: Int { Int(pointer.pointee.sizeof_message) }

    /// The field a Swift coding key names: the key as written, or its camelCase converted
    /// to the proto's snake_case (`callId` → `call_id`).
    func field(forKey key: String) -> UnsafePointer<ProtobufCFieldDescriptor>? {
        if let exact = protobuf_c_message_descriptor_get_field_by_name(pointer, key) {
            return exact
        }
        return protobuf_c_message_descriptor_get_field_by_name(pointer, Self.snakeCased(key))
    }

    /// Allocates (zeroed, in `arena`) and initialises an empty message of this type.
    func makeMessage(in arena: CArena) -> UnsafeMutableRawPointer {
        let message = arena.allocate(byteCount: sizeofMessage)
        pointer.pointee.message_init?(message.assumingMemoryBound(to: ProtobufCMessage.self))
        return message
    }

    static func snakeCased(_ key: String) -> String {
        var result = ""
        result.reserveCapacity(key.utf8.count + 4)
        for character in key {
            if character.isUppercase {
                result.append("_")
                result.append(contentsOf: character.lowercased())
            } else {
                result.append(character)
            }
        }
        return result
    }
}
