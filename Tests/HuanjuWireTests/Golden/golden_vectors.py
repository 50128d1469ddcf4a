#!/usr/bin/env python3
"""Golden wire vectors, encoded by Python's protobuf (Debian python3-protobuf + protoc).

The Swift test suite (Tests/HuanjuWireTests/GoldenVectorTests.swift) encodes the same
messages with libprotobuf-c and checks the bytes are identical both ways.

  Tests/HuanjuWireTests/Golden/golden_vectors.py write   regenerate Tests/HuanjuWireTests/Golden/vectors.txt
  Tests/HuanjuWireTests/Golden/golden_vectors.py check   fail if Python's encoding differs from the committed file
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
VECTORS = os.path.join(ROOT, "Tests", "HuanjuWireTests", "Golden", "vectors.txt")


def load_modules(out):
    protos = sorted(f for f in os.listdir(os.path.join(ROOT, "proto")) if f.endswith(".proto"))
    subprocess.run(["protoc", "-I", os.path.join(ROOT, "proto"), "-I", "/usr/include", "--python_out", out] + protos,
                   check=True, cwd=os.path.join(ROOT, "proto"))
    sys.path.insert(0, out)
    import conformance_pb2, health_pb2, reflection_pb2, rpc_pb2  # noqa: E402
    return conformance_pb2, health_pb2, reflection_pb2, rpc_pb2


def vectors(conformance, health, reflection, rpc):
    full = conformance.AllKinds(
        i32=-42, i64=-9_000_000_000, u32=4_000_000_000, u64=18_000_000_000_000_000_000,
        s64=-1, flag=True, text="欢聚 live", blob=bytes([0, 1, 2, 255]), colour=conformance.COLOUR_GREEN,
        inner=conformance.Inner(label="in", amount=14_000_000), tags=["a", "", "c"], numbers=[1, -2, 3],
        items=[conformance.Inner(label="x", amount=1), conformance.Inner(label="y", amount=-1)],
        ratio=0.25, f64=7)
    check = health.HealthCheckRequest(service="huanju.billing.v1.Billing")
    request = rpc.Request(call_id=7, method="huanju.health.v1.Health/Check", deadline_ms=250,
                          metadata=[rpc.MetadataEntry(key="account-id", value="acc_1"),
                                    rpc.MetadataEntry(key="idempotency-key", value="k-1")],
                          payload=check.SerializeToString())
    serving = health.HealthCheckResponse(status=health.HealthCheckResponse.SERVING)
    response = rpc.Response(call_id=7, status=rpc.OK, payload=serving.SerializeToString())
    refused = rpc.Response(call_id=9, status=rpc.FAILED_PRECONDITION,
                           message="code HJ-7Q lapsed: it had to be bound before 2020-03-01 12:00 CST")
    methods = reflection.ListMethodsResponse(service="billing", methods=[reflection.MethodDescription(
        name="huanju.health.v1.Health/Check", request_type="huanju.health.v1.HealthCheckRequest",
        response_type="huanju.health.v1.HealthCheckResponse", operator_only=False, required_metadata=[])])
    return [
        ("all_kinds_full", full),
        ("all_kinds_empty", conformance.AllKinds()),
        ("health_check_request", check),
        ("request_envelope", request),
        ("response_ok", response),
        ("response_refused", refused),
        ("list_methods_response", methods),
    ]


def every_message(out):
    """Every enum ("enum:<full name> <numbers>") and method ("method:<service>/<name>
    <request>,<response>") of every .proto, and every message, each field set to a value other
    than its default (repeated fields to two elements, nested messages filled in turn), named
    "msg:<full name>"; a message with a oneof gets one vector per member ("…/<member>")."""
    from google.protobuf import message_factory
    sys.path.insert(0, out)
    modules = []
    for f in sorted(os.listdir(out)):
        if f.endswith("_pb2.py") and f != "options_pb2.py":
            modules.append(__import__(f[:-3]))
    messages = []
    for module in modules:
        for descriptor in module.DESCRIPTOR.message_types_by_name.values():
            messages += list(walk(descriptor))
    lines = []
    enums = []
    for module in modules:
        enums += list(module.DESCRIPTOR.enum_types_by_name.values())
    for descriptor in messages:
        enums += list(descriptor.enum_types)
    for enum in sorted(enums, key=lambda e: e.full_name):
        lines.append(f"enum:{enum.full_name} {','.join(str(v.number) for v in enum.values)}\n")
    for module in modules:
        for service in sorted(module.DESCRIPTOR.services_by_name.values(), key=lambda s: s.full_name):
            for method in service.methods:
                lines.append(f"method:{service.full_name}/{method.name} "
                             f"{method.input_type.full_name},{method.output_type.full_name}\n")
    for descriptor in sorted(messages, key=lambda d: d.full_name):
        cls = message_factory.MessageFactory().GetPrototype(descriptor)
        variants = oneof_variants(descriptor)
        for label, chosen in variants:
            message = cls()
            fill(message, descriptor, chosen, depth=0)
            name = f"msg:{descriptor.full_name}" + (f"/{label}" if label else "")
            lines.append(f"{name} {message.SerializeToString().hex()}\n")
    return "".join(lines)


def walk(descriptor):
    yield descriptor
    for nested in descriptor.nested_types:
        yield from walk(nested)


def oneof_variants(descriptor):
    """[(label, {oneof name: chosen field name})]: one variant per member of each oneof."""
    oneofs = [o for o in descriptor.oneofs if len(o.fields) > 0]
    if not oneofs:
        return [("", {})]
    variants = []
    for oneof in oneofs:
        for field in oneof.fields:
            chosen = {o.name: o.fields[0].name for o in oneofs}
            chosen[oneof.name] = field.name
            variants.append((field.name, chosen))
    return variants


def scalar(field, index):
    """A value other than the default for `field` (index: which element of a repeated one)."""
    from google.protobuf.descriptor import FieldDescriptor as F
    n = field.number + index
    t = field.type
    if t in (F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32):
        return -(n * 1000 + 7)
    if t in (F.TYPE_UINT32, F.TYPE_FIXED32):
        return n * 1000 + 7
    if t in (F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64):
        return -(n * 1_000_000_000_000 + 7)
    if t in (F.TYPE_UINT64, F.TYPE_FIXED64):
        return n * 1_000_000_000_000 + 7
    if t in (F.TYPE_DOUBLE, F.TYPE_FLOAT):
        return n + 0.25
    if t == F.TYPE_BOOL:
        return True
    if t == F.TYPE_STRING:
        return f"{field.name}-欢聚-{n}"
    if t == F.TYPE_BYTES:
        return bytes([0, n % 256, 255])
    if t == F.TYPE_ENUM:
        return max(v.number for v in field.enum_type.values)
    raise ValueError(field.full_name)


def fill(message, descriptor, chosen, depth):
    from google.protobuf.descriptor import FieldDescriptor as F
    for field in descriptor.fields:
        if field.containing_oneof is not None and chosen.get(field.containing_oneof.name) != field.name:
            continue
        repeated = field.label == F.LABEL_REPEATED
        if field.type == F.TYPE_MESSAGE:
            if depth >= 3:
                continue
            nested_chosen = {o.name: o.fields[0].name for o in field.message_type.oneofs if o.fields}
            if repeated:
                for _ in range(2):
                    fill(getattr(message, field.name).add(), field.message_type, nested_chosen, depth + 1)
            else:
                fill(getattr(message, field.name), field.message_type, nested_chosen, depth + 1)
                getattr(message, field.name).SetInParent()
        elif repeated:
            getattr(message, field.name).extend([scalar(field, 0), scalar(field, 1)])
        else:
            setattr(message, field.name, scalar(field, 0))


def render(modules, out):
    named = "".join(f"{name} {message.SerializeToString().hex()}\n" for name, message in vectors(*modules))
    return named + every_message(out)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    with tempfile.TemporaryDirectory() as out:
        text = render(load_modules(out), out)
    if mode == "write":
        with open(VECTORS, "w") as f:
            f.write(text)
        print(f"wrote {VECTORS}")
    elif mode == "check":
        with open(VECTORS) as f:
            committed = f.read()
        if committed != text:
            print("golden vectors differ from Python protobuf's encoding; run Tests/HuanjuWireTests/Golden/golden_vectors.py write")
            sys.exit(1)
        print("golden vectors: Python protobuf encoding matches the committed vectors")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
