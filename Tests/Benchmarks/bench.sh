#!/usr/bin/env bash
# `make bench`: the viewer path of the room-session service against Redis and the socket limit,
# side by side on this machine, with the same connections, calls in flight, rooms, viewers and
# mix (Tests/Benchmarks/RESULTS.md explains every figure and keeps every run).
#
#   1. installs what is missing (redis-server; apt-get update first, only when something is);
#   2. builds the release room-session and huanju-loadgen, and the C echo server;
#   3. starts, in a temporary directory: the echo server, redis-server (Unix socket only, no
#      persistence), the stand-in activation peer and the room-session service — release, with
#      exactly the flags `make up` gives it (deploy/up.sh; the systemd units set the same through
#      the environment: default log level `info`, default 60 s lease), nothing tuned here;
#   4. at 16 connections × 1 and × 32 calls in flight: session, Redis (EVALSHA, then EVAL with
#      the script's text in every call, for reference), echo — twice: unpinned (servers and
#      generator share both CPUs, as deployed on a 2-CPU host), then per core (every server
#      started pinned to CPU 0 with taskset, so the session service starts one event loop, and
#      the generator pinned to CPU 1: what one core of server answers);
#   5. memory: a fresh session service and a fresh Redis each take 1,000,000 present viewers
#      in 50 rooms of 20,000; resident memory growth per viewer;
#   6. prints the table, the targets, and last the `bench:` line; appends all of it to
#      Tests/Benchmarks/RESULTS.md.
# Everything it started is stopped on exit, failure or Ctrl-C included.
#
# Environment:
#   BENCH_DURATION      measured seconds per run (default 5)
#   BENCH_THREADS       the generator's event loops (default 1: the best setting for the
#                       baselines on 2 cores, see RESULTS.md)
#   BENCH_SCRATCH_PATH  SwiftPM build directory (default .build)
#   BENCH_RESULTS       the file appended to (default Tests/Benchmarks/RESULTS.md; "-": none)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${BENCH_DURATION:-5}
threads=${BENCH_THREADS:-1}
scratch=${BENCH_SCRATCH_PATH:-.build}
results_file=${BENCH_RESULTS:-Tests/Benchmarks/RESULTS.md}

# --- 1. packages ---------------------------------------------------------------------------
deploy/install-deps.sh redis-server gcc libc6-dev

# --- 2. build ------------------------------------------------------------------------------
echo "bench: building release room-session and huanju-loadgen (scratch path $scratch)"
swift build -c release --scratch-path "$scratch" --product room-session
swift build -c release --scratch-path "$scratch" --product huanju-loadgen
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
work=$(mktemp -d /tmp/huanju-bench.XXXXXX)

# --- 3. processes --------------------------------------------------------------------------
pids=()
stop_process() { # PID: SIGTERM, then SIGKILL after 10 s
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do stop_process "$pid"; done
  if [ "$status" -ne 0 ]; then
    echo "bench: failed (exit $status); logs:" >&2
    for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cc -O2 -Wall -Wextra -Werror -o "$work/echo_server" Tests/Benchmarks/echo_server.c
started_at=$(date -u +%s)
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

wait_for_socket() { # PATH PID NAME
  for _ in $(seq 300); do
    [ -S "$1" ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: $3 exited at start-up" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $3 did not open $1 within 30 s" >&2
  return 1
}

# The servers run under $pin (empty: unpinned; "taskset -c 0": on CPU 0 only), the generator
# under $pin_generator.
pin=()
pin_generator=()

start_redis() { # NAME: sets redis_pid
  "${pin[@]}" redis-server --port 0 --unixsocket "$work/redis.sock" --unixsocketperm 700 --save "" --appendonly no \
    --dir "$work" --logfile "$work/redis-$1.log" &
  redis_pid=$!
  pids+=("$redis_pid")
  wait_for_socket "$work/redis.sock" "$redis_pid" redis-server
}

start_session() { # NAME: sets session_pid; a fresh data directory each time
  mkdir -p "$work/data-$1"
  # The shipped configuration: what deploy/up.sh passes (runtime and data directories), nothing else.
  "${pin[@]}" "$bin/room-session" --runtime-dir "$work/run" --data-dir "$work/data-$1" >"$work/session-$1.log" 2>&1 &
  session_pid=$!
  pids+=("$session_pid")
  wait_for_socket "$work/run/room-session.sock" "$session_pid" room-session
}

start_echo() { # sets echo_pid
  "${pin[@]}" "$work/echo_server" "$work/echo.sock" &
  echo_pid=$!
  pids+=("$echo_pid")
  wait_for_socket "$work/echo.sock" "$echo_pid" echo_server
}

stop_servers() { # stops (and forgets: their ids may be reused) the session, Redis and echo servers
  for pid in "$@"; do
    stop_process "$pid"
    remaining=()
    for other in "${pids[@]}"; do [ "$other" = "$pid" ] || remaining+=("$other"); done
    pids=("${remaining[@]}")
  done
  rm -f "$work/echo.sock" "$work/redis.sock"
}

"$bin/huanju-loadgen" stub-activation --runtime-dir "$work/run" >"$work/stub-activation.log" 2>&1 &
pids+=("$!")
wait_for_socket "$work/run/activation-admin.sock" "$!" stub-activation

# --- 4. throughput, unpinned then per core ---------------------------------------------------
results="$work/results.txt"
: >"$results"
common=(--connections 16 --rooms 100 --viewers 200000 --mix 70:25:5 --limit 20000 --crowded-rooms 10
        --duration "$duration" --warmup 1 --prefill --threads "$threads")
request_bytes=64
for mode in unpinned pinned; do
  suffix=""
  if [ "$mode" = pinned ]; then
    pin=(taskset -c 0); pin_generator=(taskset -c 1); suffix="-pinned"
  fi
  start_echo
  start_redis "throughput$suffix"
  start_session "throughput$suffix"
  grep -m1 "event loops" "$work/session-throughput$suffix.log" | sed 's/^/bench: room-session: /' || true
  for depth in 1 32; do
    echo "bench: $mode, 16 connections × $depth in flight"
    "${pin_generator[@]}" "$bin/huanju-loadgen" session --socket "$work/run/room-session.sock" --server-pid "$session_pid" \
      --label "session$suffix" --depth "$depth" "${common[@]}" | tee -a "$results"
    request_bytes=$(grep -o 'request_bytes=[0-9]*' "$results" | tail -1 | cut -d= -f2)
    "${pin_generator[@]}" "$bin/huanju-loadgen" redis --socket "$work/redis.sock" --server-pid "$redis_pid" \
      --label "redis$suffix" --script Tests/Benchmarks/redis_join.lua --depth "$depth" "${common[@]}" | tee -a "$results"
    if [ "$mode" = unpinned ]; then
      "${pin_generator[@]}" "$bin/huanju-loadgen" redis --eval --socket "$work/redis.sock" --server-pid "$redis_pid" \
        --script Tests/Benchmarks/redis_join.lua --depth "$depth" "${common[@]}" | tee -a "$results"
    fi
    "${pin_generator[@]}" "$bin/huanju-loadgen" echo --socket "$work/echo.sock" --server-pid "$echo_pid" \
      --label "echo$suffix" --body-bytes "$request_bytes" --depth "$depth" "${common[@]}" | tee -a "$results"
  done
  stop_servers "$session_pid" "$redis_pid" "$echo_pid"
done
pin=()
pin_generator=()

# --- 5. memory -----------------------------------------------------------------------------
echo "bench: memory, 1,000,000 present viewers in 50 rooms of 20,000"
start_session memory
start_redis memory
memory=(--connections 16 --depth 32 --rooms 50 --viewers 1000000 --limit 20000 --crowded-rooms 0 --fill
        --threads "$threads")
"$bin/huanju-loadgen" session --socket "$work/run/room-session.sock" --server-pid "$session_pid" \
  --label session-memory "${memory[@]}" | tee -a "$results"
"$bin/huanju-loadgen" redis --socket "$work/redis.sock" --server-pid "$redis_pid" \
  --script Tests/Benchmarks/redis_join.lua --label redis-memory "${memory[@]}" | tee -a "$results"

# --- 6. report -----------------------------------------------------------------------------
elapsed=$(($(date -u +%s) - started_at))
echo
/usr/bin/python3 Tests/Benchmarks/report.py --format text "$results" >"$work/report.txt"

if [ "$results_file" != "-" ]; then
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
  {
    echo
    echo "### Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GiB memory; load average at start: $load_at_start"
    echo "- commit: $commit"
    echo "- command: \`make bench\` (BENCH_DURATION=$duration BENCH_THREADS=$threads), ${elapsed} s without the build; the session service in the shipped configuration"
    echo
    /usr/bin/python3 Tests/Benchmarks/report.py --format markdown "$results"
  } >>"$results_file"
  echo "bench: appended to $results_file"
fi
# The table and the targets, then, last, the machine-readable line.
cat "$work/report.txt"
