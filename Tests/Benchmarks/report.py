#!/usr/bin/env python3
"""The table, the targets and the `bench:` line of `make bench`, from huanju-loadgen's
`result:` lines (one per run: `result: key=value ...`).

    report.py --format text|markdown RESULTS_TXT

The `bench:` line (issue 7) is printed last:
    bench: admit_rps=<n> redis_eval_rps=<n> echo_rps=<n> ratio_vs_redis=<x.xx>
           ratio_vs_echo=<x.xx> p99_us=<n> cpu_us_per_call=<x.x> bytes_per_viewer=<n>
(one line), all from the 16 × 1 runs except bytes_per_viewer (the memory run).
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
    for depth in (1, 32):
        for target in ("session", "redis", "redis-eval", "echo"):
            run = find(runs, target, depth)
            if run is None:
                continue
            rows.append([target, f"{run['conns']}×{run['depth']}", f"{int(number(run, 'rps')):,}",
                         run.get("p50_us", "-"), run.get("p99_us", "-"), run.get("p999_us", "-"),
                         run.get("ok", "-"), run.get("refused", "-"), run.get("absent", "-"),
                         run.get("errors", "-"), run.get("cpu_us_per_call", "-"),
                         f"{number(run, 'rss_kib', 0) / 1024:.0f}"])
    if not markdown:
        out.append("Throughput (same connections, depth, rooms, viewers and mix for every target)")
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
    memory = find(runs, "session-memory")
    admit, redis, echo = (number(r, "rps") if r else float("nan") for r in (s1, r1, e1))
    p99 = number(s1, "p99_us") if s1 else float("nan")
    cpu = number(s1, "cpu_us_per_call") if s1 else float("nan")
    per_viewer = number(memory, "bytes_per_viewer") if memory else float("nan")
    ratio32 = ratio(number(s32, "rps"), number(r32, "rps")) if s32 and r32 else float("nan")

    targets = [
        ("16×1 admissions/s ≥ 1.5 × Redis EVAL", ratio(admit, redis), 1.5, ">=", "×"),
        ("16×1 admissions/s ≥ 0.5 × framing echo", ratio(admit, echo), 0.5, ">=", "×"),
        ("16×32 admissions/s ≥ 2 × Redis EVAL (same depth)", ratio32, 2.0, ">=", "×"),
        ("p99 latency at 16×1 ≤ 1 ms", p99, 1000, "<=", " µs"),
        ("server CPU ≤ 5 µs per call (16×1)", cpu, 5.0, "<=", " µs"),
        ("≤ 64 bytes resident per present viewer at 1,000,000", per_viewer, 64, "<=", " B"),
    ]
    out.append("Targets (issue 7)" + ("" if not markdown else ":"))
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
            "ratio_vs_echo={:.2f} p99_us={:.0f} cpu_us_per_call={:.1f} bytes_per_viewer={:.0f}").format(
        admit, redis, echo, ratio(admit, redis), ratio(admit, echo), p99, cpu, per_viewer)
    if markdown:
        out += ["```", line, "```"]
    else:
        out.append(line)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
