#!/usr/bin/env bash
# Starts the three services locally and keeps them running until Ctrl-C or `make down`.
#   deploy/up.sh            wall clock
#   HUANJU_CONTROLLABLE_CLOCK=./var/clock deploy/up.sh    controllable clock (demos, tests)
# Everything lives under ./var (override with HUANJU_VAR): run/ sockets, data/ SQLite, log/ logs.
# Binaries: built with `swift build` (HUANJU_BUILD=debug|release, default debug); or, with
# HUANJU_BIN=<folder of the executables> (or HUANJU_SKIP_BUILD=1), nothing is installed or built.
# When the services have stopped it prints each one's exit status and exits 0 only if all were 0.
set -euo pipefail
cd "$(dirname "$0")/.."
var=${HUANJU_VAR:-./var}
config=${HUANJU_BUILD:-debug}
run="$var/run"; data="$var/data"; log="$var/log"
services=(activation billing room-session)
export HUANJU_VAR="$var"   # for deploy/down.sh

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

for service in "${services[@]}"; do
  if pid=$(holder "$service"); then
    echo "huanju is already running (pid $pid for $service); 'make down' stops it."
    exit 0
  fi
done

if [ -n "${HUANJU_BIN:-}" ]; then
  bin=$HUANJU_BIN
elif [ "${HUANJU_SKIP_BUILD:-}" = 1 ]; then
  bin=$(swift build -c "$config" --show-bin-path)
else
  deploy/install-deps.sh
  echo "building ($config)…"
  for product in billing activation room-session huanjuctl; do
    swift build -c "$config" --product "$product" >/dev/null
  done
  bin=$(swift build -c "$config" --show-bin-path)
fi
for exe in "${services[@]}" huanjuctl; do
  [ -x "$bin/$exe" ] || { echo "no executable $bin/$exe"; exit 1; }
done
mkdir -p "$run" "$data" "$log"

clock_args=()
if [ -n "${HUANJU_CONTROLLABLE_CLOCK:-}" ]; then
  clock_args=(--controllable-clock "$HUANJU_CONTROLLABLE_CLOCK")
fi

# Stops what this script started: deploy/down.sh stops each service holding its lock, in order;
# one that has not taken its lock yet (just started) gets SIGTERM here. `jobs -rp` lists only our
# children still running, whose pids cannot have been recycled.
stop_started() {
  deploy/down.sh || true
  local pid
  for pid in $(jobs -rp); do kill -TERM "$pid" 2>/dev/null || true; done
}

# Ctrl-C, `kill`, a closed terminal: stop the services gracefully, then report below.
stopping=0 signals=0
stop_all() {
  trap - INT TERM HUP
  stopping=1; signals=$((signals + 1))
  echo; echo "stopping…"
  stop_started
}
trap stop_all INT TERM HUP

declare -A pids=()
for service in "${services[@]}"; do
  "$bin/$service" --runtime-dir "$run" --data-dir "$data" "${clock_args[@]}" >>"$log/$service.log" 2>&1 &
  pids[$service]=$!
  echo $! >"$run/$service.pid"
done

# Waits for every service we started; prints its exit status; 0 only if every one exited 0.
collect() {
  local status=0 service code
  for service in "${services[@]}"; do
    while :; do
      local before=$signals
      code=0; wait "${pids[$service]}" || code=$?
      # A signal handled by the trap interrupts `wait` (status > 128): wait again for the real status.
      [ "$signals" = "$before" ] && break
    done
    echo "$service exited with status $code"
    [ "$code" -eq 0 ] || status=1
    rm -f "$run/$service.pid"
  done
  return $status
}

up=0
for _ in $(seq 1 300); do
  [ "$stopping" = 0 ] || break
  for service in "${services[@]}"; do
    if ! kill -0 "${pids[$service]}" 2>/dev/null; then
      echo "$service failed to start; its log ($log/$service.log) ends with:"; tail -n 20 "$log/$service.log"
      stop_started >/dev/null; collect || true; exit 1
    fi
  done
  if "$bin/huanjuctl" health --runtime-dir "$run" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.2
done
if [ "$up" = 0 ]; then
  if [ "$stopping" = 0 ]; then
    echo "the services did not all report SERVING within 60 s:"
    "$bin/huanjuctl" health --runtime-dir "$run" || true
    stop_started
  fi
  collect || true
  exit 1
fi
"$bin/huanjuctl" health --runtime-dir "$run" || true

cat <<TXT

Huanju Live is up.
  sockets   $run/{billing,activation,room-session}.sock   (operators: *-admin.sock)
  data      $data/{billing,activation,room-session}.sqlite
  logs      $log/*.log
  clock     ${HUANJU_CONTROLLABLE_CLOCK:-wall clock}
  client    $bin/huanjuctl <command> --runtime-dir $run      (or export HUANJU_RUNTIME_DIR=$run)
            e.g. $bin/huanjuctl billing register --runtime-dir $run --kind enterprise --name "Acme" --contact ops@acme.example
Stop with Ctrl-C here or 'make down' elsewhere.
TXT

# Wait until the services exit (make down) or we are interrupted (Ctrl-C).
status=0
collect || status=$?
echo "huanju stopped."
exit $status
