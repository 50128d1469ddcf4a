#!/usr/bin/env python3
"""Server CPU per call of one non-viewer method, measured from the server's /proc counters.

    Tests/Benchmarks/method_cpu.py SOCKET PID METHOD ACCOUNT [--calls N] [--page-size P]

Calls METHOD (a list method taking {page_size}, e.g. huanju.activation.v1.Activation/ListCodes)
as ACCOUNT on SOCKET, N times one after another, and prints the server's CPU time (user +
system, from /proc/PID/stat) per call in microseconds, and the calls per second. The messages
are encoded by Python's protobuf from proto/, so the figure is the server's alone.
"""
import argparse
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])   # utime + stime, in clock ticks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("socket")
    parser.add_argument("pid", type=int)
    parser.add_argument("method")
    parser.add_argument("account")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--page-size", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        protos = sorted(f for f in os.listdir(os.path.join(ROOT, "proto")) if f.endswith(".proto"))
        subprocess.run(["protoc", "-I", os.path.join(ROOT, "proto"), "-I", "/usr/include", "--python_out", out] + protos,
                       check=True)
        sys.path.insert(0, out)
        import rpc_pb2
        # a list request: field 1 (page_size) is the first field of every list request used here
        payload = bytes([0x08]) + encode_varint(args.page_size)
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(args.socket)

        def call(call_id):
            request = rpc_pb2.Request(call_id=call_id, method=args.method, deadline_ms=10_000, payload=payload,
                                      metadata=[rpc_pb2.MetadataEntry(key="account-id", value=args.account)])
            body = request.SerializeToString()
            connection.sendall(struct.pack(">I", len(body)) + body)
            length, = struct.unpack(">I", read(connection, 4))
            response = rpc_pb2.Response.FromString(read(connection, length))
            if response.status != rpc_pb2.OK:
                sys.exit(f"{args.method}: {response.status} {response.message}")
            return len(response.payload)

        size = call(1)   # warm up (and check it answers)
        for i in range(200):
            call(i + 2)
        ticks_before, started = cpu_ticks(args.pid), time.monotonic()
        for i in range(args.calls):
            call(i + 1000)
        ticks_after, elapsed = cpu_ticks(args.pid), time.monotonic() - started
        per_call_us = (ticks_after - ticks_before) / os.sysconf("SC_CLK_TCK") / args.calls * 1e6
        print(f"{args.method} page_size={args.page_size} response_bytes={size} calls={args.calls} "
              f"server_cpu_us_per_call={per_call_us:.1f} calls_per_s={args.calls / elapsed:.0f}")


def encode_varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def read(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            sys.exit("the server closed the connection")
        data += chunk
    return data


if __name__ == "__main__":
    main()
