#!/usr/bin/env python3
"""The table, the targets and the `bench:` line of `make bench`, from huanju-loadgen's
`result:` lines (one per run: `result: key=value ...`).

    report.py --format text|markdown RESULTS_TXT

The `bench:` line is printed last:
    bench: admit_rps=<n> redis_eval_rps=<n> echo_rps=<n> ratio_vs_redis=<x.xx>
           ratio_vs_echo=<x.xx> p99_us=<n> cpu_us_per_call=<x.x> bytes_per_viewer=<n>
           pinned_ratio_vs_redis=<x.xx> cpu_ratio_vs_redis=<x.xx>
(one line): the first fields from the unpinned 16 × 1 runs (issue 7), bytes_per_viewer from the
memory run, pinned_ratio_vs_redis the session's calls/s ÷ Redis EVALSHA's with each server on
one core at 16 × 32, cpu_ratio_vs_redis the session's server CPU per call ÷ Redis's at 16 × 32
(unpinned).
"""
import argparse
import sys


def parse(path):
    runs = []
    with open(path) as lines:
        for line in lines:
            if line.startswith("result: "):
                runs.append(dict(pair.split("=", 1) for pair in line[len("result: "):].split()))
    return runs


def find(runs, target, depth=None):
    for run in runs:
        if run["target"] == target and (depth is None or run["depth"] == str(depth)):
            return run
    return None


def number(run, key, default=float("nan")):
    try:
        return float(run[key])
    except (KeyError, TypeError, ValueError):
        return default


def ratio(a, b):
    return a / b if b and b == b and b > 0 else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", choices=["text", "markdown"], default="text")
    parser.add_argument("results")
    arguments = parser.parse_args()
    runs = parse(arguments.results)
    markdown = arguments.format == "markdown"
    out = []

    def table(header, rows):
        if markdown:
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|")
            out.extend("| " + " | ".join(row) + " |" for row in rows)
        else:
            widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
            for row in [header] + rows:
                out.append("  ".join(str(cell).rjust(width) if i else str(cell).ljust(width)
                                     for i, (cell, width) in enumerate(zip(row, widths))))
        out.append("")

    header = ["target", "conns×depth", "calls/s", "p50 µs", "p99 µs", "p99.9 µs", "ok", "refused",
              "absent", "errors", "server CPU µs/call", "server RSS MiB"]
    rows = []
    modes = (("session", "redis", "redis-eval", "echo"), ("session-pinned", "redis-pinned", "echo-pinned"))
    for depth, target in [(depth, target) for mode in modes for depth in (1, 32) for target in mode]:
        run = find(runs, target, depth)
        if run is None:
            continue
        rows.append([target, f"{run['conns']}×{run['depth']}", f"{int(number(run, 'rps')):,}",
                     run.get("p50_us", "-"), run.get("p99_us", "-"), run.get("p999_us", "-"),
                     run.get("ok", "-"), run.get("refused", "-"), run.get("absent", "-"),
                     run.get("errors", "-"), run.get("cpu_us_per_call", "-"),
                     f"{number(run, 'rss_kib', 0) / 1024:.0f}"])
    if not markdown:
        out.append("Throughput (same connections, depth, rooms, viewers and mix for every target; -pinned: each server on CPU 0, the generator on CPU 1)")
    table(header, rows)

    memory_rows = []
    for target in ("session-memory", "redis-memory"):
        run = find(runs, target)
        if run is None:
            continue
        growth = number(run, "rss_settled_kib", number(run, "rss_kib", 0)) - number(run, "rss_before_kib", 0)
        memory_rows.append([target.replace("-memory", ""), f"{int(number(run, 'present', 0)):,}",
                            f"{growth / 1024:.1f}", run.get("bytes_per_viewer", "-"),
                            run.get("bytes_per_viewer_at_fill", "-"), f"{int(number(run, 'rps')):,}"])
    if memory_rows:
        if not markdown:
            out.append("Memory (1,000,000 present viewers in 50 rooms of 20,000; resident memory growth once the server went quiet after the fill)")
        table(["target", "present viewers", "RSS growth MiB", "bytes/viewer", "bytes/viewer at the last join",
               "fill calls/s"], memory_rows)

    s1, r1, e1 = find(runs, "session", 1), find(runs, "redis", 1), find(runs, "echo", 1)
    s32, r32 = find(runs, "session", 32), find(runs, "redis", 32)
    sp32, rp32 = find(runs, "session-pinned", 32), find(runs, "redis-pinned", 32)
    memory = find(runs, "session-memory")
    admit, redis, echo = (number(r, "rps") if r else float("nan") for r in (s1, r1, e1))
    p99 = number(s1, "p99_us") if s1 else float("nan")
    cpu = number(s1, "cpu_us_per_call") if s1 else float("nan")
    per_viewer = number(memory, "bytes_per_viewer") if memory else float("nan")
    ratio32 = ratio(number(s32, "rps"), number(r32, "rps")) if s32 and r32 else float("nan")
    pinned32 = ratio(number(sp32, "rps"), number(rp32, "rps")) if sp32 and rp32 else float("nan")
    cpu1 = ratio(number(s1, "cpu_us_per_call"), number(r1, "cpu_us_per_call")) if s1 and r1 else float("nan")
    cpu32 = ratio(number(s32, "cpu_us_per_call"), number(r32, "cpu_us_per_call")) if s32 and r32 else float("nan")

    targets = [
        ("server CPU per call ≤ Redis EVALSHA's at 16×1 (ratio)", cpu1, 1.0, "<=", "×"),
        ("server CPU per call ≤ Redis EVALSHA's at 16×32 (ratio)", cpu32, 1.0, "<=", "×"),
        ("per core (pinned) 16×32 calls/s ≥ 1.0 × Redis EVALSHA", pinned32, 1.0, ">=", "×"),
        ("unpinned 16×32 calls/s ≥ 1.5 × Redis EVALSHA", ratio32, 1.5, ">=", "×"),
        ("16×1 calls/s ≥ 0.6 × framing echo", ratio(admit, echo), 0.6, ">=", "×"),
        ("p99 latency at 16×1 ≤ 1 ms", p99, 1000, "<=", " µs"),
        ("≤ 64 bytes resident per present viewer at 1,000,000", per_viewer, 64, "<=", " B"),
    ]
    out.append("Targets (issue 12; the session service in its shipped configuration)" + ("" if not markdown else ":"))
    out.append("")
    for name, value, goal, sense, unit in targets:
        met = value == value and (value >= goal if sense == ">=" else value <= goal)
        if value != value:
            verdict = "not measured"
        elif met:
            verdict = "met"
        elif sense == ">=":
            verdict = f"missed by {100 * (goal - value) / goal:.0f} %"
        else:
            verdict = f"missed: {value / goal:.2f} × the target"
        shown = f"{value:.2f}{unit}" if value == value else "-"
        out.append(f"{'- ' if markdown else '  '}{name}: {shown} — {verdict}")
    out.append("")

    line = ("bench: admit_rps={:.0f} redis_eval_rps={:.0f} echo_rps={:.0f} ratio_vs_redis={:.2f} "
            "ratio_vs_echo={:.2f} p99_us={:.0f} cpu_us_per_call={:.1f} bytes_per_viewer={:.0f} "
            "pinned_ratio_vs_redis={:.2f} cpu_ratio_vs_redis={:.2f}").format(
        admit, redis, echo, ratio(admit, redis), ratio(admit, echo), p99, cpu, per_viewer, pinned32, cpu32)
    if markdown:
        out += ["```", line, "```"]
    else:
        out.append(line)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
