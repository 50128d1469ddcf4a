#!/usr/bin/env python3
"""A minimal Huanju Live client in Python: the whole protocol in ~60 lines.

Needs Debian's protobuf-compiler and python3-protobuf (deploy/install-deps.sh installs them).
Generates the message classes from proto/ with protoc into a temporary folder, then calls

    deploy/clients/python/huanju_client.py SOCKET [METHOD]

METHOD defaults to huanju.health.v1.Health/Check; the answer is printed as text.
"""
import os
import socket
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))


def load_messages(out):
    protos = sorted(f for f in os.listdir(os.path.join(ROOT, "proto")) if f.endswith(".proto"))
    subprocess.run(["protoc", "-I", os.path.join(ROOT, "proto"), "-I", "/usr/include", "--python_out", out] + protos,
                   check=True)
    sys.path.insert(0, out)
    import health_pb2, reflection_pb2, rpc_pb2  # noqa: E402
    return health_pb2, reflection_pb2, rpc_pb2


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("the server closed the connection")
        data += chunk
    return data


def call(sock, rpc, call_id, method, request, metadata=None, deadline_ms=5000):
    """Sends one request frame and returns the matching huanju.rpc.v1.Response."""
    envelope = rpc.Request(call_id=call_id, method=method, deadline_ms=deadline_ms,
                           payload=request.SerializeToString())
    for key, value in (metadata or {}).items():
        envelope.metadata.add(key=key, value=value)
    body = envelope.SerializeToString()
    sock.sendall(struct.pack(">I", len(body)) + body)        # 4-byte big-endian length, then the message
    while True:
        (length,) = struct.unpack(">I", read_exactly(sock, 4))
        response = rpc.Response.FromString(read_exactly(sock, length))
        if response.call_id in (call_id, 0):                   # 0: a connection-level error
            return response


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    method = sys.argv[2] if len(sys.argv) > 2 else "huanju.health.v1.Health/Check"
    with tempfile.TemporaryDirectory() as out:
        health, reflection, rpc = load_messages(out)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        if method == "huanju.reflection.v1.Reflection/ListMethods":
            request, answer_type = reflection.ListMethodsRequest(), reflection.ListMethodsResponse
        else:
            request, answer_type = health.HealthCheckRequest(), health.HealthCheckResponse
        response = call(sock, rpc, 1, method, request)
        if response.status != rpc.OK:
            print(f"{rpc.StatusCode.Name(response.status)}: {response.message}")
            sys.exit(1)
        answer = answer_type.FromString(response.payload)
        if answer_type is health.HealthCheckResponse:
            print(health.HealthCheckResponse.ServingStatus.Name(answer.status))
        else:
            for m in answer.methods:
                print(m.name, "(operator)" if m.operator_only else "")


if __name__ == "__main__":
    main()
