#!/usr/bin/env bash
# Stops the services `make up` started: SIGTERM (graceful: finish calls in flight, exit 0), then waits.
set -uo pipefail
cd "$(dirname "$0")/.."
run="${HUANJU_VAR:-./var}/run"
status=0
stopped=0
for service in room-session billing activation; do
  pidfile="$run/$service.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$service (pid $pid) did not stop within 30 s"; status=1; continue
    fi
    echo "$service stopped"
    stopped=1
  fi
  rm -f "$pidfile"
done
[ "$stopped" = 1 ] || [ "$status" != 0 ] || echo "huanju is not running (no live pid file in $run)"
exit $status
