#!/usr/bin/env bash
# Server CPU per call of ListCodes with a page of 50 codes (the non-viewer figure of the
# contract work): starts billing and activation from BIN (release builds) on a system of its
# own, buys an annual fee (1 gift code) and 49 standard codes through huanjuctl, then measures
# with method_cpu.py.   Tests/Benchmarks/list_codes_cpu.sh BIN [CALLS]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$1
calls=${2:-2000}
var=$(mktemp -d /tmp/hj-listcodes-XXXXXX)
trap 'for p in "$var"/run/*.pid; do kill "$(cat "$p")" 2>/dev/null || true; done; [ -n "${KEEP:-}" ] || rm -rf "$var"' EXIT
export HUANJU_RUNTIME_DIR=$var/run
mkdir -p "$var/run" "$var/data"
"$bin/huanjuctl" clock set "2020-01-01 12:00" --clock "$var/clock" >/dev/null 2>&1 || true
for service in activation billing; do
  "$bin/$service" --runtime-dir "$var/run" --data-dir "$var/data" --controllable-clock "$var/clock" \
    --log-level warning >>"$var/$service.log" 2>&1 &
  echo $! >"$var/run/$service.pid"
done
for _ in $(seq 1 200); do
  [ -S "$var/run/billing.sock" ] && [ -S "$var/run/activation.sock" ] && break
  sleep 0.1
done
ctl() { "$bin/huanjuctl" "$@"; }
account=$(ctl billing register --kind enterprise --name "Bench Ltd" --contact bench@example.com --json \
  | sed -n 's/.*"account_\{0,1\}[iI][dD]" *: *"\([^"]*\)".*/\1/p' | head -1)
ctl billing apply --as "$account" >/dev/null
ctl billing approve "$account" >/dev/null
ctl billing buy-fee --as "$account" >/dev/null 2>&1
ctl billing buy-codes --as "$account" --kind standard --quantity 49 >/dev/null 2>&1
for _ in $(seq 1 100); do
  count=$(ctl activation codes --as "$account" --json | grep -o 'code_masked\|codeMasked' | wc -l || true)
  [ "$count" -ge 50 ] && break
  sleep 0.1
done
/usr/bin/python3 Tests/Benchmarks/method_cpu.py "$var/run/activation.sock" "$(cat "$var/run/activation.pid")" \
  huanju.activation.v1.Activation/ListCodes "$account" --calls "$calls" --page-size 50
