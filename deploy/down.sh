#!/usr/bin/env bash
# Stops the services `make up` started: SIGTERM (graceful: finish calls in flight, exit 0), then waits.
# A service counts as running only while it holds its lock, <run>/<service>.lock (see holder below).
set -uo pipefail
cd "$(dirname "$0")/.."
run="${HUANJU_VAR:-./var}/run"
status=0
stopped=0

# holder SERVICE: prints the pid of the running SERVICE; fails if it is not running. A running
# service holds an exclusive flock on <run>/<service>.lock (the kernel drops it when the process
# dies), so the lock decides, not the pid file: a stale pid file may name a recycled pid, now an
# unrelated process. A held lock's pid is the one its holder wrote into the lock file. Without
# flock(1) (util-linux), or if the lock cannot be opened: the pid file's process, if it is alive and
# runs SERVICE's executable.
holder() {
  local lock="$run/$1.lock" pid="" code=127 command=""
  [ -f "$lock" ] || return 1
  if command -v flock >/dev/null 2>&1; then
    code=0; flock -n -E 75 "$lock" true 2>/dev/null || code=$?
  fi
  case $code in
    0) return 1 ;;
    75) pid=$(tr -cd '0-9' 2>/dev/null <"$lock") ;;
    *) pid=$(tr -cd '0-9' 2>/dev/null <"$run/$1.pid") || return 1
       command=$(cat "/proc/$pid/comm" 2>/dev/null || ps -o comm= -p "$pid" 2>/dev/null) || return 1
       [ "${command##*/}" = "$1" ] || return 1 ;;
  esac
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Only a service holding its lock is signalled. A pid file without a held lock is left alone: it
# is stale (its pid may now be an unrelated process's) and nothing trusts it; up.sh overwrites it.
for service in room-session billing activation; do
  pid=$(holder "$service") || continue
  kill -TERM "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$service (pid $pid) did not stop within 30 s"; status=1; continue
  fi
  echo "$service stopped"
  stopped=1
  rm -f "$run/$service.pid"
done
[ "$stopped" = 1 ] || [ "$status" != 0 ] || echo "huanju is not running (no service holds its lock in $run)"
exit $status
