#!/usr/bin/env bash
# Measures the viewer path of several commits back to back (RESULTS.md's step tables):
# builds each commit's release room-session in a scratch worktree, then runs the bench's
# population and mix against each, per core (server on CPU 0, generator on CPU 1, as
# `make bench`'s pinned mode), 16×1 and 16×32, ROUNDS rounds, with this tree's generator.
#
#   Tests/Benchmarks/compare_commits.sh COMMIT...      (env: ROUNDS=2, DURATION=5)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || { echo "usage: $0 COMMIT..." >&2; exit 2; }
rounds=${ROUNDS:-2}
duration=${DURATION:-5}
commits=("$@")
out=$(mktemp -d /tmp/huanju-compare.XXXXXX)
# A worktree kept under .build (ignored), so that the next comparison builds incrementally.
tree=.build/compare-tree
trap 'rm -rf "$out"' EXIT

swift build -c release --product huanju-loadgen >/dev/null
loadgen="$(swift build -c release --show-bin-path)/huanju-loadgen"
[ -d "$tree" ] || git worktree add --detach "$tree" "${commits[0]}" >/dev/null
for commit in "${commits[@]}"; do
  git -C "$tree" checkout -q --detach "$commit"
  (cd "$tree" && swift build -c release --product room-session >"$out/build-$commit.log" 2>&1) \
    || { echo "build of $commit failed: $out/build-$commit.log" >&2; exit 1; }
  mkdir -p "$out/$commit"
  cp "$tree/.build/release/room-session" "$out/$commit/"
  echo "built $commit"
done

measure() { # COMMIT DEPTH
  local commit=$1 depth=$2 work stub session
  work=$(mktemp -d "$out/run.XXXXXX")
  "$loadgen" stub-activation --runtime-dir "$work/run" >"$work/stub.log" 2>&1 &
  stub=$!
  for _ in $(seq 100); do [ -S "$work/run/activation-admin.sock" ] && break; sleep 0.1; done
  mkdir -p "$work/data"
  taskset -c 0 "$out/$commit/room-session" --runtime-dir "$work/run" --data-dir "$work/data" >"$work/session.log" 2>&1 &
  session=$!
  for _ in $(seq 100); do [ -S "$work/run/room-session.sock" ] && break; sleep 0.1; done
  taskset -c 1 "$loadgen" session --socket "$work/run/room-session.sock" --server-pid "$session" \
    --label "$commit" --depth "$depth" --connections 16 --rooms 100 --viewers 200000 --mix 70:25:5 \
    --limit 20000 --crowded-rooms 10 --duration "$duration" --warmup 1 --prefill --threads 1 >/dev/null   # the summary is on stderr
  kill "$session" "$stub"
  wait "$session" "$stub" 2>/dev/null || true
}
for _ in $(seq "$rounds"); do
  for depth in 1 32; do
    for commit in "${commits[@]}"; do measure "$commit" "$depth"; done
  done
done
