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


def render(modules):
    return "".join(f"{name} {message.SerializeToString().hex()}\n" for name, message in vectors(*modules))


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    with tempfile.TemporaryDirectory() as out:
        text = render(load_modules(out))
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
