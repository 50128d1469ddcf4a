#!/usr/bin/env bash
# Starts the three services locally and keeps them running until Ctrl-C or `make down`.
#   deploy/up.sh            wall clock
#   HUANJU_CONTROLLABLE_CLOCK=./var/clock deploy/up.sh    controllable clock (demos, tests)
# Everything lives under ./var (override with HUANJU_VAR): run/ sockets, data/ SQLite, log/ logs.
set -euo pipefail
cd "$(dirname "$0")/.."
var=${HUANJU_VAR:-./var}
config=${HUANJU_BUILD:-debug}
run="$var/run"; data="$var/data"; log="$var/log"
services=(activation billing room-session)

running() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

for service in "${services[@]}"; do
  if running "$service"; then
    echo "huanju is already running (pid $(cat "$run/$service.pid") for $service); 'make down' stops it."
    exit 0
  fi
done

deploy/install-deps.sh
echo "building ($config)…"
swift build -c "$config" --product billing >/dev/null
swift build -c "$config" --product activation >/dev/null
swift build -c "$config" --product room-session >/dev/null
swift build -c "$config" --product huanjuctl >/dev/null
bin=$(swift build -c "$config" --show-bin-path)
mkdir -p "$run" "$data" "$log"

clock_args=()
if [ -n "${HUANJU_CONTROLLABLE_CLOCK:-}" ]; then
  clock_args=(--controllable-clock "$HUANJU_CONTROLLABLE_CLOCK")
fi

stop_all() {
  trap - INT TERM
  echo; echo "stopping…"
  deploy/down.sh
  exit 0
}
trap stop_all INT TERM

for service in "${services[@]}"; do
  "$bin/$service" --runtime-dir "$run" --data-dir "$data" "${clock_args[@]}" >>"$log/$service.log" 2>&1 &
  echo $! >"$run/$service.pid"
done

for attempt in $(seq 1 300); do
  if "$bin/huanjuctl" health --runtime-dir "$run" >/dev/null 2>&1; then break; fi
  for service in "${services[@]}"; do
    if ! running "$service"; then
      echo "$service failed to start; its log ($log/$service.log) ends with:"; tail -n 20 "$log/$service.log"
      deploy/down.sh; exit 1
    fi
  done
  sleep 0.2
done
"$bin/huanjuctl" health --runtime-dir "$run"

cat <<TXT

Huanju Live is up.
  sockets   $run/{billing,activation,room-session}.sock   (operators: *-admin.sock)
  data      $data/{billing,activation,room-session}.sqlite
  logs      $log/*.log
  clock     ${HUANJU_CONTROLLABLE_CLOCK:-wall clock}
  client    $bin/huanjuctl --runtime-dir $run --help
            e.g. $bin/huanjuctl --runtime-dir $run billing register --kind enterprise --name "Acme" --contact ops@acme.example
Stop with Ctrl-C here or 'make down' elsewhere.
TXT

# Wait until the services exit (make down) or we are interrupted (Ctrl-C).
while running activation || running billing || running room-session; do sleep 1; done
echo "huanju stopped."
