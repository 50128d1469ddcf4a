#!/usr/bin/env python3
"""Generates the Swift side of proto/: messages, enums, method descriptors, handlers, clients.

    proto/tools/swiftgen.py OUT_ROOT

reads every proto/*.proto (through `protoc --descriptor_set_out --include_source_info`) and
writes, under OUT_ROOT (the repository root, or a temporary folder for `make check-proto`):

    <target>/Generated/<file>.pb.swift    one per .proto file:
        per message   a Swift struct: a `var` per field with its proto3 default, nested types,
                      `oneof`s as Swift enums (a oneof of one scalar field: an Optional, the
                      proto3 idiom for presence), and a direct encode/decode through the C
                      struct protoc-c generates (`ProtoMessage`); proto comments become `///`
        per enum      an open Swift enum (`ProtoEnum`): unknown numbers are kept as
                      `.unrecognized(n)`, never an error
        per service   `<Name>Service`: typed method descriptors (name, types, access, metadata,
                      execution, from `(huanju.options.v1.method)`), a `Handler` protocol, the
                      router registration and a typed `Client`
    Shared/HuanjuWire/Generated/FieldRules+Generated.swift
        the limits (`(huanju.options.v1.field)`) of every field of every message a service
        accepts; a string field without `max_bytes` or a repeated field without `max_items`
        fails the generation, naming the field
    <target>/Generated/ProtoRegistry+<target>.swift
        every message type of the target by proto name (for the round-trip tests)

Targets: the envelope and the standard services (rpc, health, reflection, metrics) go to
Shared/HuanjuWire; the services' protocols (billing, activation, session) to Shared/HuanjuAPI;
the test messages (conformance) to Tests/HuanjuWireTests. Names follow one rule: types keep
their proto names inside a namespace per package (`huanju.billing.v1` -> `BillingV1`), fields
and enum cases are lowerCamelCase with acronyms upper-cased (`account_id` -> `accountID`), enum
cases lose their enum's prefix (`CODE_KIND_FLAGSHIP` -> `flagship`).

Run by proto/generate.sh; needs protoc and Debian's python3-protobuf.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROTO = os.path.join(ROOT, "proto")
SYSTEM_INCLUDE = "/usr/include"   # google/protobuf/descriptor.proto, from libprotobuf-dev
ENVELOPE = "huanju.rpc.v1.Request"

# Where each package's Swift goes, and what that file imports.
TARGETS = {
    "huanju.rpc.v1": "Shared/HuanjuWire",
    "huanju.health.v1": "Shared/HuanjuWire",
    "huanju.reflection.v1": "Shared/HuanjuWire",
    "huanju.metrics.v1": "Shared/HuanjuWire",
    "huanju.billing.v1": "Shared/HuanjuAPI",
    "huanju.activation.v1": "Shared/HuanjuAPI",
    "huanju.session.v1": "Shared/HuanjuAPI",
    "huanju.conformance.v1": "Tests/HuanjuWireTests",
}
SKIPPED_PACKAGES = {"huanju.options.v1", "google.protobuf"}
ACRONYMS = {"id": "ID", "ids": "IDs", "url": "URL", "rpc": "RPC", "http": "HTTP"}
SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
    "inout", "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static",
    "struct", "subscript", "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else",
    "fallthrough", "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "Any",
    "catch", "false", "is", "nil", "super", "self", "Self", "throw", "throws", "true", "try", "Type",
}


def load(work):
    """The FileDescriptorSet of proto/*.proto (with comments), and the options module."""
    protos = sorted(f for f in os.listdir(PROTO) if f.endswith(".proto"))
    descriptor_set = os.path.join(work, "descriptors.pb")
    subprocess.run(["protoc", "-I", PROTO, "-I", SYSTEM_INCLUDE, "--include_source_info",
                    "--descriptor_set_out", descriptor_set, "--python_out", work] + protos,
                   check=True, cwd=PROTO)
    sys.path.insert(0, work)
    from google.protobuf import descriptor_pb2
    import options_pb2  # registers the custom options before the set is parsed
    with open(descriptor_set, "rb") as f:
        files = descriptor_pb2.FileDescriptorSet.FromString(f.read()).file
    return files, options_pb2, descriptor_pb2


# MARK: - Names

def words(snake):
    return [w for w in snake.split("_") if w]


def lower_camel(snake):
    """account_id -> accountID; INVALID_ARGUMENT -> invalidArgument; i32 -> i32."""
    parts = [part.lower() for part in words(snake)] if snake.isupper() else words(snake)
    if not parts:
        return ""
    out = parts[0].lower()
    for part in parts[1:]:
        out += ACRONYMS.get(part.lower(), part[:1].upper() + part[1:])
    return escape(out)


def upper_camel(snake):
    return "".join(ACRONYMS.get(p.lower(), p[:1].upper() + p[1:]) for p in words(snake))


def escape(name):
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def bare(name):
    return name.strip("`")


def namespace(package):
    """huanju.billing.v1 -> BillingV1."""
    parts = package.split(".")
    return upper_camel(parts[1]) + parts[2].upper()


def camel_to_snake(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def c_type(full_name):
    """huanju.billing.v1.Account -> Huanju__Billing__V1__Account (protoc-c's FullNameToC)."""
    return "__".join(p[:1].upper() + p[1:] for p in full_name.split("."))


def c_function(full_name):
    """huanju.billing.v1.AccountDetails -> huanju__billing__v1__account_details (FullNameToLower)."""
    return "__".join(camel_to_snake(p) for p in full_name.split("."))


def display_name(enum_name):
    """CodeKind -> "code kind"."""
    return camel_to_snake(enum_name).replace("_", " ")


# MARK: - Model

class Comments:
    """Leading and trailing comments by descriptor path."""

    def __init__(self, file):
        self.by_path = {}
        for location in file.source_code_info.location:
            text = (location.leading_comments or "") + (location.trailing_comments or "")
            if text.strip():
                self.by_path[tuple(location.path)] = text

    def doc(self, path, indent):
        text = self.by_path.get(tuple(path), "")
        lines = [line.rstrip() for line in text.strip("\n").split("\n")] if text.strip() else []
        while lines and not lines[-1].strip():
            lines.pop()
        return "".join(f"{indent}///{(' ' + line.strip()) if line.strip() else ''}\n" for line in lines)


class Model:
    """Every message, enum and service of proto/, by fully qualified name."""

    def __init__(self, files, options, descriptor_pb2):
        self.options = options
        self.F = descriptor_pb2.FieldDescriptorProto
        self.files = [f for f in files if f.package not in SKIPPED_PACKAGES]
        self.messages = {}   # full name -> (file, descriptor, path, swift type)
        self.enums = {}      # full name -> (file, descriptor, path, swift type)
        for file in self.files:
            space = namespace(file.package)
            for index, message in enumerate(file.message_type):
                self._add_message(file, file.package, space, message, [4, index])
            for index, enum in enumerate(file.enum_type):
                self.enums[f"{file.package}.{enum.name}"] = (file, enum, [5, index], f"{space}.{enum.name}")

    def _add_message(self, file, prefix, swift_prefix, message, path):
        name = f"{prefix}.{message.name}"
        swift = f"{swift_prefix}.{message.name}"
        self.messages[name] = (file, message, path, swift)
        for index, nested in enumerate(message.nested_type):
            self._add_message(file, name, swift, nested, path + [3, index])
        for index, enum in enumerate(message.enum_type):
            self.enums[f"{name}.{enum.name}"] = (file, enum, path + [4, index], f"{swift}.{enum.name}")

    def services(self):
        for file in self.files:
            for index, service in enumerate(file.service):
                yield file, service, [6, index]

    def accepted_messages(self):
        """The envelope, every method's input, and every message nested in them: sorted names."""
        pending = [ENVELOPE] + [m.input_type.lstrip(".") for _, s, _ in self.services() for m in s.method]
        seen = set()
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            for field in self.messages[name][1].field:
                if field.type == self.F.TYPE_MESSAGE:
                    pending.append(field.type_name.lstrip("."))
        return sorted(seen)

    def field_rules(self, field):
        rules = field.options.Extensions[self.options.field]
        return rules.max_bytes, rules.max_items

    def method_rules(self, method):
        return method.options.Extensions[self.options.method]


# MARK: - Fields

SCALARS = {
    # proto type: (Swift type, default, C to Swift, Swift to C)
    "TYPE_INT32": ("Int32", "0", "{}", "{}"),
    "TYPE_SINT32": ("Int32", "0", "{}", "{}"),
    "TYPE_SFIXED32": ("Int32", "0", "{}", "{}"),
    "TYPE_UINT32": ("UInt32", "0", "{}", "{}"),
    "TYPE_FIXED32": ("UInt32", "0", "{}", "{}"),
    "TYPE_INT64": ("Int64", "0", "{}", "{}"),
    "TYPE_SINT64": ("Int64", "0", "{}", "{}"),
    "TYPE_SFIXED64": ("Int64", "0", "{}", "{}"),
    "TYPE_UINT64": ("UInt64", "0", "{}", "{}"),
    "TYPE_FIXED64": ("UInt64", "0", "{}", "{}"),
    "TYPE_DOUBLE": ("Double", "0", "{}", "{}"),
    "TYPE_FLOAT": ("Float", "0", "{}", "{}"),
    "TYPE_BOOL": ("Bool", "false", "({} != 0)", "({} ? 1 : 0)"),
    "TYPE_STRING": ("String", '""', "ProtoC.string({})", "arena.string({})"),
    "TYPE_BYTES": ("[UInt8]", "[]", "ProtoC.bytes({})", "ProtoC.binary({}, in: arena)"),
}


class Field:
    def __init__(self, model, message_name, field):
        self.model = model
        self.field = field
        self.name = lower_camel(field.name)
        self.c_name = field.name
        F = model.F
        self.type_name = F.Type.Name(field.type)
        self.repeated = field.label == F.LABEL_REPEATED
        self.is_message = field.type == F.TYPE_MESSAGE
        self.is_enum = field.type == F.TYPE_ENUM
        self.oneof = field.oneof_index if field.HasField("oneof_index") else None
        if self.is_message:
            self.target = field.type_name.lstrip(".")
            self.swift_type = model.messages[self.target][3]
            self.c_target = c_type(self.target)
        elif self.is_enum:
            self.target = field.type_name.lstrip(".")
            self.swift_type = model.enums[self.target][3]
        else:
            self.swift_type = SCALARS[self.type_name][0]

    def element_default(self):
        if self.is_enum:
            enum = self.model.enums[self.target][1]
            zero = next(v for v in enum.value if v.number == 0)
            return "." + case_name(enum, zero)
        return SCALARS[self.type_name][1]

    def declared_type(self):
        if self.repeated:
            return f"[{self.swift_type}]"
        if self.is_message:
            return f"{self.swift_type}?"
        return self.swift_type

    def default(self):
        if self.repeated:
            return "[]"
        if self.is_message:
            return "nil"
        return self.element_default()

    def read_scalar(self, c_value):
        if self.is_enum:
            return f"{self.swift_type}(protoNumber: Int32(truncatingIfNeeded: {c_value}.rawValue))"
        return SCALARS[self.type_name][2].format(c_value)

    def write_scalar(self, value):
        if self.is_enum:
            return f".init(rawValue: .init(truncatingIfNeeded: {value}.rawValue))"
        return SCALARS[self.type_name][3].format(value)

    def decode(self, target="self"):
        """Statements reading this (non-oneof) field from `m`."""
        c = f"m.pointee.{self.c_name}"
        if self.repeated:
            count = f"m.pointee.n_{self.c_name}"
            if self.is_message:
                return f"{target}.{self.name} = ProtoC.messages({c}, count: {count}) {{ {self.swift_type}(protoC: $0) }}"
            if self.type_name == "TYPE_STRING":
                return f"{target}.{self.name} = ProtoC.strings({c}, count: {count})"
            if self.type_name == "TYPE_BYTES":
                return f"{target}.{self.name} = ProtoC.array({c}, count: {count}).map {{ ProtoC.bytes($0) }}"
            if self.is_enum or self.type_name == "TYPE_BOOL":
                return f"{target}.{self.name} = ProtoC.array({c}, count: {count}).map {{ {self.read_scalar('$0')} }}"
            return f"{target}.{self.name} = ProtoC.array({c}, count: {count})"
        if self.is_message:
            return f"{target}.{self.name} = {c}.map {{ {self.swift_type}(protoC: $0) }}"
        return f"{target}.{self.name} = {self.read_scalar(c)}"

    def encode(self):
        """Statements writing this (non-oneof) field into `m`."""
        c = f"m.pointee.{self.c_name}"
        if self.repeated:
            count = f"m.pointee.n_{self.c_name} = {self.name}.count"
            if self.is_message:
                return (f"{count}\n{c} = ProtoC.messages({self.name}, of: {self.c_target}.self, in: arena) "
                        f"{{ $0.fill(protoC: $1, arena: arena) }}")
            if self.type_name == "TYPE_STRING":
                return f"{count}\n{c} = ProtoC.strings({self.name}, in: arena)"
            if self.type_name == "TYPE_BYTES":
                return f"{count}\n{c} = ProtoC.array({self.name}.map {{ ProtoC.binary($0, in: arena) }}, in: arena)"
            if self.is_enum or self.type_name == "TYPE_BOOL":
                return f"{count}\n{c} = ProtoC.array({self.name}.map {{ {self.write_scalar('$0')} }}, in: arena)"
            return f"{count}\n{c} = ProtoC.array({self.name}, in: arena)"
        if self.is_message:
            return (f"if let {self.name} {{\n    let sub = arena.allocate({self.c_target}.self)\n"
                    f"    {self.name}.fill(protoC: sub, arena: arena)\n    {c} = sub\n}}")
        if self.type_name == "TYPE_STRING":
            return f"if !{self.name}.isEmpty {{ {c} = arena.string({self.name}) }}"
        if self.type_name == "TYPE_BYTES":
            return f"if !{self.name}.isEmpty {{ {c} = ProtoC.binary({self.name}, in: arena) }}"
        return f"{c} = {self.write_scalar(self.name)}"


def case_name(enum, value):
    """CODE_KIND_FLAGSHIP in CodeKind -> flagship; OK in StatusCode -> ok."""
    prefix = camel_to_snake(enum.name).upper() + "_"
    name = value.name
    if all(v.name.startswith(prefix) for v in enum.value):
        name = name[len(prefix):]
    return lower_camel(name)


# MARK: - Swift

def indent(text, spaces):
    pad = " " * spaces
    return "".join((pad + line if line.strip() else line) + "\n" for line in text.split("\n"))


class Writer:
    def __init__(self, model, file):
        self.model = model
        self.file = file
        self.comments = Comments(file)
        self.space = namespace(file.package)
        self.out = []

    def emit(self, text=""):
        self.out.append(text)

    # Enums

    def enum(self, full_name, level):
        file, enum, path, swift = self.model.enums[full_name]
        pad = "    " * level
        name = enum.name
        cases = [(case_name(enum, v), v) for v in enum.value]
        self.emit(self.comments.doc(path, pad).rstrip("\n") or f"{pad}/// `{full_name}`.")
        self.emit(f"{pad}public enum {name}: ProtoEnum {{")
        for index, (case, value) in enumerate(cases):
            doc = self.comments.doc(path + [2, index], pad + "    ")
            if doc:
                self.emit(doc.rstrip("\n"))
            self.emit(f"{pad}    case {case}")
        self.emit(f"{pad}    /// A number this build does not know (a newer peer's value): kept as it is.")
        self.emit(f"{pad}    case unrecognized(Int32)")
        self.emit("")
        self.emit(f'{pad}    public static let protoDisplayName = "{display_name(name)}"')
        self.emit(f"{pad}    public static let allCases: [{name}] = [{', '.join('.' + c for c, _ in cases)}]")
        self.emit("")
        self.emit(f"{pad}    public init(protoNumber: Int32) {{")
        self.emit(f"{pad}        switch protoNumber {{")
        for case, value in cases:
            self.emit(f"{pad}        case {value.number}: self = .{bare(case)}")
        self.emit(f"{pad}        default: self = .unrecognized(protoNumber)")
        self.emit(f"{pad}        }}")
        self.emit(f"{pad}    }}")
        self.emit("")
        self.emit(f"{pad}    public var rawValue: Int32 {{")
        self.emit(f"{pad}        switch self {{")
        for case, value in cases:
            self.emit(f"{pad}        case .{bare(case)}: {value.number}")
        self.emit(f"{pad}        case .unrecognized(let number): number")
        self.emit(f"{pad}        }}")
        self.emit(f"{pad}    }}")
        self.emit("")
        self.emit(f"{pad}    public var protoValueName: String {{")
        self.emit(f"{pad}        switch self {{")
        for case, value in cases:
            self.emit(f'{pad}        case .{bare(case)}: "{value.name}"')
        self.emit(f'{pad}        case .unrecognized(let number): "{name}(\\(number))"')
        self.emit(f"{pad}        }}")
        self.emit(f"{pad}    }}")
        self.emit(f"{pad}}}")

    # Messages

    def message(self, full_name, level):
        file, message, path, swift = self.model.messages[full_name]
        pad = "    " * level
        fields = [Field(self.model, full_name, f) for f in message.field]
        groups = self.oneof_groups(message, fields)
        doc = self.comments.doc(path, pad).rstrip("\n")
        self.emit(doc or f"{pad}/// `{full_name}`.")
        self.emit(f"{pad}public struct {message.name}: ProtoMessage {{")
        self.emit(f'{pad}    public static let protoName = "{full_name}"')
        numbers = ", ".join(str(f.field.number) for f in sorted(fields, key=lambda f: f.field.number))
        self.emit(f"{pad}    public static let protoFieldNumbers: [UInt32] = [{numbers}]")
        for index, nested in enumerate(message.nested_type):
            self.emit("")
            self.message(f"{full_name}.{nested.name}", level + 1)
        for nested in message.enum_type:
            self.emit("")
            self.enum(f"{full_name}.{nested.name}", level + 1)
        # Properties
        emitted_oneofs = set()
        for index, field in enumerate(fields):
            if field.oneof is not None and groups[field.oneof]["kind"] == "enum":
                if field.oneof in emitted_oneofs:
                    continue
                emitted_oneofs.add(field.oneof)
                self.oneof_enum(message, path, groups[field.oneof], level + 1)
                continue
            self.emit("")
            doc = self.comments.doc(path + [2, index], pad + "    ").rstrip("\n")
            if doc:
                self.emit(doc)
            if field.oneof is not None:   # a one-field oneof of a scalar: presence
                self.emit(f"{pad}    public var {field.name}: {field.swift_type}? = nil")
            else:
                self.emit(f"{pad}    public var {field.name}: {field.declared_type()} = {field.default()}")
        # Initialisers
        parameters = self.init_parameters(fields, groups)
        self.emit("")
        self.emit(f"{pad}    /// Every field at its proto3 default.")
        self.emit(f"{pad}    public init() {{}}")
        if parameters:
            self.emit("")
            self.emit(f"{pad}    /// The message with the given fields (the others at their defaults).")
            self.emit(f"{pad}    public init(")
            for i, (name, type_, default) in enumerate(parameters):
                comma = "," if i < len(parameters) - 1 else ""
                self.emit(f"{pad}        {name}: {type_} = {default}{comma}")
            self.emit(f"{pad}    ) {{")
            for name, _, _ in parameters:
                self.emit(f"{pad}        self.{name} = {name}")
            self.emit(f"{pad}    }}")
        self.emit(f"{pad}}}")

    def oneof_groups(self, message, fields):
        groups = {}
        for index, oneof in enumerate(message.oneof_decl):
            members = [f for f in fields if f.oneof == index]
            kind = "optional" if len(members) == 1 and not members[0].is_message else "enum"
            groups[index] = {"name": oneof.name, "members": members, "kind": kind, "index": index,
                             "swift": lower_camel(oneof.name), "type": upper_camel(oneof.name)}
        return groups

    def oneof_enum(self, message, path, group, level):
        pad = "    " * level
        self.emit("")
        doc = self.comments.doc(path + [8, group["index"]], pad).rstrip("\n")
        self.emit(doc or f"{pad}/// Which of `{group['name']}`'s fields is set.")
        self.emit(f"{pad}public enum {group['type']}: Sendable, Hashable {{")
        for field in group["members"]:
            fdoc = self.comments.doc(path + [2, list(message.field).index(field.field)], pad + "    ").rstrip("\n")
            if fdoc:
                self.emit(fdoc)
            self.emit(f"{pad}    case {field.name}({field.swift_type})")
        self.emit(f"{pad}}}")
        self.emit("")
        self.emit(f"{pad}/// nil when none of its fields is set (or the peer set one this build does not know).")
        self.emit(f"{pad}public var {group['swift']}: {group['type']}? = nil")

    def init_parameters(self, fields, groups):
        parameters = []
        seen = set()
        for field in fields:
            if field.oneof is not None and groups[field.oneof]["kind"] == "enum":
                group = groups[field.oneof]
                if field.oneof not in seen:
                    seen.add(field.oneof)
                    parameters.append((group["swift"], f"{group['type']}?", "nil"))
            elif field.oneof is not None:
                parameters.append((field.name, f"{field.swift_type}?", "nil"))
            else:
                parameters.append((field.name, field.declared_type(), field.default()))
        return parameters

    def codec(self, full_name):
        """The conversions between the Swift value and protoc-c's struct."""
        file, message, path, swift = self.model.messages[full_name]
        fields = [Field(self.model, full_name, f) for f in message.field]
        groups = self.oneof_groups(message, fields)
        ctype = c_type(full_name)
        cfunc = c_function(full_name)
        decode, encode = [], []
        done = set()
        for field in fields:
            if field.oneof is None:
                decode.append(field.decode())
                encode.append(field.encode())
                continue
            group = groups[field.oneof]
            case = f"m.pointee.{group['name']}_case"
            if group["kind"] == "optional":
                decode.append(f"if {case}.rawValue == {field.field.number} {{ self.{field.name} = "
                              f"{field.read_scalar('m.pointee.' + field.c_name)} }}")
                value = "value"
                write = field.write_scalar(value) if field.type_name not in ("TYPE_STRING", "TYPE_BYTES") else \
                    SCALARS[field.type_name][3].format(value)
                encode.append(f"if let value = {field.name} {{\n    {case} = .init(rawValue: {field.field.number})\n"
                              f"    m.pointee.{field.c_name} = {write}\n}}")
                continue
            if field.oneof in done:
                continue
            done.add(field.oneof)
            lines = [f"switch {case}.rawValue {{"]
            for member in group["members"]:
                c = f"m.pointee.{member.c_name}"
                if member.is_message:
                    read = f"{c}.map {{ .{bare(member.name)}({member.swift_type}(protoC: $0)) }}"
                else:
                    read = f".{bare(member.name)}({member.read_scalar(c)})"
                lines.append(f"case {member.field.number}: self.{group['swift']} = {read}")
            lines.append("default: break")
            lines.append("}")
            decode.append("\n".join(lines))
            lines = [f"switch {group['swift']} {{"]
            for member in group["members"]:
                lines.append(f"case .{bare(member.name)}(let value):")
                lines.append(f"    {case} = .init(rawValue: {member.field.number})")
                c = f"m.pointee.{member.c_name}"
                if member.is_message:
                    lines.append(f"    let sub = arena.allocate({member.c_target}.self)")
                    lines.append("    value.fill(protoC: sub, arena: arena)")
                    lines.append(f"    {c} = sub")
                elif member.type_name in ("TYPE_STRING", "TYPE_BYTES"):
                    lines.append(f"    {c} = {SCALARS[member.type_name][3].format('value')}")
                else:
                    lines.append(f"    {c} = {member.write_scalar('value')}")
            lines.append("case nil: break")
            lines.append("}")
            encode.append("\n".join(lines))
        self.emit(f"extension {swift} {{")
        self.emit(f"    /// Reads the message from protoc-c's struct.")
        self.emit(f"    init(protoC m: UnsafePointer<{ctype}>) {{")
        self.emit("        self.init()")
        for statement in decode:
            self.emit(indent(statement, 8).rstrip("\n"))
        self.emit("    }")
        self.emit("")
        self.emit(f"    /// Writes the message into protoc-c's struct at `m`; its strings, bytes and")
        self.emit(f"    /// sub-messages live in `arena`.")
        self.emit(f"    func fill(protoC m: UnsafeMutablePointer<{ctype}>, arena: ProtoCArena) {{")
        self.emit(f"        {cfunc}__init(m)")
        for statement in encode:
            self.emit(indent(statement, 8).rstrip("\n"))
        self.emit("    }")
        self.emit("")
        self.emit("    public init(serializedBytes bytes: UnsafeRawBufferPointer) throws {")
        self.emit(f"        var empty = {ctype}()")
        self.emit(f"        {cfunc}__init(&empty)")
        self.emit(f"        self = try ProtoC.unpack(bytes, like: &empty, protoName: Self.protoName) {{ Self(protoC: $0) }}")
        self.emit("    }")
        self.emit("")
        flat = all(not f.repeated and not f.is_message and f.oneof is None for f in fields)
        if flat:
            # No sub-message, repeated field or oneof: the struct lives on the stack and its
            # strings and bytes point into the Swift values themselves; nothing is copied.
            self.emit("    /// Runs `body` with this message as protoc-c's struct, on the stack; its strings and")
            self.emit("    /// bytes point into this value's own storage, valid only during `body`.")
            self.emit(f"    func withProtoC<R>(_ body: (UnsafeMutablePointer<{ctype}>) throws -> R) rethrows -> R {{")
            self.emit(f"        var m = {ctype}()")
            self.emit(f"        {cfunc}__init(&m)")
            for field in fields:
                if field.type_name not in ("TYPE_STRING", "TYPE_BYTES"):
                    self.emit(f"        m.{field.c_name} = {field.write_scalar('self.' + field.name)}")
            # Fields are read through `self.`: a field may be named like a closure parameter here.
            body = "return try body(&m)"
            for field in reversed([f for f in fields if f.type_name in ("TYPE_STRING", "TYPE_BYTES")]):
                if field.type_name == "TYPE_STRING":
                    body = (f"return try self.{field.name}.withCString {{ text in\n"
                            f"    m.{field.c_name} = UnsafeMutablePointer(mutating: text)\n"
                            + indent(body, 4).rstrip("\n") + "\n}")
                else:
                    body = (f"return try self.{field.name}.withUnsafeBufferPointer {{ data in\n"
                            f"    m.{field.c_name} = ProtobufCBinaryData(len: data.count, data: UnsafeMutablePointer(mutating: data.baseAddress))\n"
                            + indent(body, 4).rstrip("\n") + "\n}")
            self.emit(indent(body, 8).rstrip("\n"))
            self.emit("    }")
            self.emit("")
            self.emit("    public func serializedBytes() -> [UInt8] {")
            self.emit("        withProtoC { ProtoC.pack($0) }")
            self.emit("    }")
        else:
            self.emit("    public func serializedBytes() -> [UInt8] {")
            self.emit("        let arena = ProtoCArena()")
            self.emit(f"        let m = arena.allocate({ctype}.self)")
            self.emit("        fill(protoC: m, arena: arena)")
            self.emit("        return ProtoC.pack(m)")
            self.emit("    }")
        self.emit("}")

    # Services

    def service(self, service, path):
        package = self.file.package
        full = f"{package}.{service.name}"
        swift = f"{service.name}Service"
        access_names = {1: "publicMethod", 2: "customer", 3: "operatorOnly", 4: "peer"}
        methods = []
        for index, method in enumerate(service.method):
            rules = self.model.method_rules(method)
            if rules.access not in access_names:
                sys.exit(f"swiftgen: {full}/{method.name} declares no access: add "
                         f"option (huanju.options.v1.method) = {{access: …}}")
            request = self.model.messages[method.input_type.lstrip(".")][3]
            response = self.model.messages[method.output_type.lstrip(".")][3]
            methods.append({
                "name": method.name, "swift": lower_camel(camel_to_snake(method.name)),
                "request": request, "response": response,
                "access": access_names[rules.access], "requires": list(rules.requires), "accepts": list(rules.accepts),
                "event_loop": rules.execution == 1,
                "doc": self.comments.doc(path + [2, index], ""),
            })
        self.emit(f"extension {self.space} {{")
        self.emit(self.comments.doc(path, "    ").rstrip("\n") or f"    /// `{full}`.")
        self.emit(f"    public enum {swift} {{")
        self.emit(f'        /// The service\'s fully qualified name.')
        self.emit(f'        public static let name = "{full}"')
        self.emit("")
        self.emit("        /// Every method, with its types, access, metadata and execution.")
        self.emit("        public enum Method {")
        for method in methods:
            if method["doc"]:
                self.emit(indent(method["doc"].rstrip("\n"), 12).rstrip("\n"))
            requires = ", ".join(f'"{r}"' for r in method["requires"])
            accepts = ", ".join(f'"{a}"' for a in method["accepts"])
            summary = " ".join(line.strip().lstrip("/").strip() for line in method["doc"].strip().split("\n"))
            summary = summary.replace("\\", "\\\\").replace('"', '\\"')
            self.emit(f"            public static let {method['swift']} = MethodDescriptor<{method['request']}, {method['response']}>(")
            self.emit(f'                name: "{full}/{method["name"]}", access: .{method["access"]}, requires: [{requires}], '
                      f'accepts: [{accepts}],')
            self.emit(f'                execution: .{"eventLoop" if method["event_loop"] else "task"}, summary: "{summary}")')
        self.emit("")
        self.emit("            /// Every method of the service, in proto/ order.")
        self.emit(f"            public static let all: [MethodInfo] = [{', '.join(m['swift'] + '.info' for m in methods)}]")
        self.emit("        }")
        self.emit("")
        self.emit(f"        /// What a service serving `{full}` implements: one function per method. Functions of")
        self.emit("        /// methods that run on the event loop are synchronous and must not block.")
        self.emit("        public protocol Handler: Sendable {")
        for method in methods:
            if method["doc"]:
                self.emit(indent(method["doc"].rstrip("\n"), 12).rstrip("\n"))
            effects = "throws" if method["event_loop"] else "async throws"
            self.emit(f"            func {method['swift']}(_ request: {method['request']}, context: CallContext) {effects} -> {method['response']}")
        self.emit("        }")
        self.emit("")
        self.emit("        /// Adds every method of the service to `router`, answered by `handler`.")
        self.emit("        public static func register(_ handler: some Handler, in router: inout Router) {")
        for method in methods:
            if method["event_loop"]:
                self.emit(f"            router.registerOnEventLoop(Method.{method['swift']}) {{ try handler.{method['swift']}($0, context: $1) }}")
            else:
                self.emit(f"            router.register(Method.{method['swift']}) {{ try await handler.{method['swift']}($0, context: $1) }}")
        self.emit("        }")
        self.emit("")
        self.emit(f"        /// Calls `{full}` over an `RPCClient`, one typed function per method; refusals")
        self.emit("        /// are thrown as `RPCError`s with the service's status and message.")
        self.emit("        public struct Client: Sendable {")
        self.emit("            public let rpc: RPCClient")
        self.emit("")
        self.emit("            public init(_ rpc: RPCClient) {")
        self.emit("                self.rpc = rpc")
        self.emit("            }")
        for method in methods:
            self.emit("")
            if method["doc"]:
                self.emit(indent(method["doc"].rstrip("\n"), 12).rstrip("\n"))
            self.emit(f"            public func {method['swift']}(")
            self.emit(f"                _ request: {method['request']} = .init(), metadata: [String: String] = [:], "
                      f"deadline: TimeAmount? = nil")
            self.emit(f"            ) async throws -> {method['response']} {{")
            self.emit(f"                try await rpc.call(Method.{method['swift']}, request, metadata: metadata, deadline: deadline)")
            self.emit("            }")
        self.emit("        }")
        self.emit("    }")
        self.emit("}")

    def render(self):
        target = TARGETS[self.file.package]
        in_wire = target == "Shared/HuanjuWire"
        self.emit(f"// Generated by proto/tools/swiftgen.py from proto/{self.file.name}: do not edit.")
        self.emit("")
        self.emit("import CProtobufC")
        self.emit("import HuanjuProtoC")
        if not in_wire:
            self.emit("import HuanjuWire")
        self.emit("import NIOCore")
        self.emit("")
        self.emit(f"/// The messages, enums and services of `{self.file.package}` (proto/{self.file.name}).")
        self.emit(f"public enum {self.space} {{}}")
        for index, enum in enumerate(self.file.enum_type):
            self.emit("")
            self.emit(f"extension {self.space} {{")
            self.enum(f"{self.file.package}.{enum.name}", 1)
            self.emit("}")
        for message in self.file.message_type:
            self.emit("")
            self.emit(f"extension {self.space} {{")
            self.message(f"{self.file.package}.{message.name}", 1)
            self.emit("}")
        for name, (file, message, path, swift) in self.model.messages.items():
            if file is self.file:
                self.emit("")
                self.codec(name)
        for service, path in [(s, p) for f, s, p in self.model.services() if f is self.file]:
            self.emit("")
            self.service(service, path)
        return "\n".join(self.out) + "\n"


def field_rules_swift(model):
    """FieldRules+Generated.swift: the limits table, checked for completeness."""
    problems = []
    lines = ["// Generated by proto/tools/swiftgen.py from proto/*.proto: do not edit.", "",
             "extension FieldRules {",
             "    /// The limits of every field of every message a service accepts, by message and field number.",
             "    static let generated: [String: [UInt32: FieldRules]] = ["]
    for name in model.accepted_messages():
        entries = []
        for field in sorted(model.messages[name][1].field, key=lambda f: f.number):
            max_bytes, max_items = model.field_rules(field)
            repeated = field.label == model.F.LABEL_REPEATED
            if field.type == model.F.TYPE_STRING and max_bytes == 0:
                problems.append(f"{name}.{field.name}: a string field of an accepted message needs "
                                f"[(huanju.options.v1.field).max_bytes = N]")
            if repeated and max_items == 0:
                problems.append(f"{name}.{field.name}: a repeated field of an accepted message needs "
                                f"[(huanju.options.v1.field).max_items = N]")
            if max_bytes or max_items:
                entries.append(f"{field.number}: FieldRules(maxBytes: {max_bytes}, maxItems: {max_items})")
        lines.append(f'        "{name}": [{", ".join(entries)}],' if entries else f'        "{name}": [:],')
    lines += ["    ]", "}", ""]
    if problems:
        sys.exit("swiftgen: every field of a message a service accepts needs its limits:\n  " + "\n  ".join(problems))
    return "\n".join(lines)


def registry_swift(model, target):
    """Every message type of a target, by proto name (for the round-trip tests)."""
    name = os.path.basename(target)
    entries = sorted((n, swift) for n, (file, _, _, swift) in model.messages.items() if TARGETS[file.package] == target)
    lines = [f"// Generated by proto/tools/swiftgen.py from proto/*.proto: do not edit.", ""]
    if name != "HuanjuWire":
        lines += ["import HuanjuWire", ""]
    lines += [f"/// Every message type generated into {name}, by its proto name.",
              f"public enum {name}Messages {{",
              "    public static let all: [String: any ProtoMessage.Type] = ["]
    lines += [f'        "{n}": {swift}.self,' for n, swift in entries]
    lines += ["    ]", "}", ""]
    enums = sorted((n, swift) for n, (file, _, _, swift) in model.enums.items() if TARGETS[file.package] == target)
    lines += [f"/// Every enum generated into {name}: its proto name and the numbers of its Swift cases.",
              f"public enum {name}Enums {{",
              "    public static let all: [String: [Int32]] = ["]
    lines += [f'        "{n}": {swift}.allCases.map(\\.rawValue),' for n, swift in enums]
    lines += ["    ]" if enums else "    :]", "}", ""]
    services = [(f, s) for f, s, _ in model.services() if TARGETS[f.package] == target]
    lines += [f"/// Every method of the services generated into {name}.",
              f"public enum {name}Methods {{",
              "    public static let all: [MethodInfo] = " + (" + ".join(
                  f"{namespace(f.package)}.{s.name}Service.Method.all" for f, s in services) or "[]")]
    lines += ["}", ""]
    return "\n".join(lines)


def write(root, path, text):
    target = os.path.join(root, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w") as f:
        f.write(text)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_root = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        model = Model(*load(work))
        write(out_root, "Shared/HuanjuWire/Generated/FieldRules+Generated.swift", field_rules_swift(model))
        for file in model.files:
            target = TARGETS[file.package]
            base = file.name[:-len(".proto")]
            write(out_root, f"{target}/Generated/{base}.pb.swift", Writer(model, file).render())
        for target in sorted(set(TARGETS.values())):
            write(out_root, f"{target}/Generated/ProtoRegistry+{os.path.basename(target)}.swift",
                  registry_swift(model, target))


if __name__ == "__main__":
    main()
