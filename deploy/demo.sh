#!/usr/bin/env bash
# `make demo`: plays the purchase guide's worked example (RULES.md §11) on a live system through
# huanjuctl and prints a timeline to check against the guide line by line: every figure the
# guide states is compared, marked ✓ (as the guide says) or ✗ (differs), and any ✗ makes the
# demo exit 1.
#
# The system is its own: ./var/demo (override with HUANJU_DEMO_VAR) holds its sockets, data,
# logs and controllable clock, wiped at the start, so a `make up` system is never touched. It is
# started with deploy/up.sh and stopped at the end, also on failure, Ctrl-C, TERM, HUP and a
# closed output (`make demo | head`).
# Binaries: built with swift build, or taken from HUANJU_BIN=<folder> (nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
var=${HUANJU_DEMO_VAR:-./var/demo}
python=${PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3
started_at=$(date +%s)

# --- The system --------------------------------------------------------------------------------

run="$var/run"
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

for service in activation billing room-session; do
  if pid=$(holder "$service"); then
    echo "a demo system is already running in $var (pid $pid for $service); stop it with: HUANJU_VAR=$var deploy/down.sh"
    exit 1
  fi
done

if [ -n "${HUANJU_BIN:-}" ]; then
  bin=$HUANJU_BIN
else
  deploy/install-deps.sh
  echo "building…"
  for product in billing activation room-session huanjuctl; do swift build --product "$product" >/dev/null; done
  bin=$(swift build --show-bin-path)
fi

# Wipe the previous demo, never anything else: the folder carries a marker once the demo owns it.
if [ -d "$var/data" ] && [ ! -f "$var/.huanju-demo" ]; then
  echo "$var/data holds data that is not a previous demo's; set HUANJU_DEMO_VAR to another folder"
  exit 1
fi
rm -rf "$var/run" "$var/data" "$var/log" "$var/clock" "$var/up.log"
mkdir -p "$var"
echo "deploy/demo.sh owns this folder and wipes it at every run" >"$var/.huanju-demo"
export HUANJU_RUNTIME_DIR="$var/run" HUANJU_CONTROLLABLE_CLOCK="$var/clock"
unset HUANJU_ACCOUNT
"$bin/huanjuctl" clock set "2019-12-20 15:00" >/dev/null

# The system is stopped on any exit: the end, a failure, Ctrl-C (INT), TERM, a closed terminal
# (HUP) and a closed output (PIPE: `make demo | head`), which would otherwise kill the script
# before its EXIT trap runs. Stopping: deploy/down.sh stops every service holding its lock; then
# SIGTERM to up.sh, which also stops one still starting (not holding its lock yet), reports each
# one's exit status, and exits.
# The trap may run inside a redirected command (`hj … >/dev/null`): it reports on the demo's own
# output, kept as descriptor 3 (closed for up.sh, so that its services never hold a pipe open).
exec 3>&1
up_pid=""
stop_system() {
  local status=$?
  trap - EXIT INT TERM HUP
  # Nothing below may end the clean-up half-way: a closed output only makes writes fail.
  trap '' PIPE
  set +e
  exec 1>&3 3>&-
  if [ -n "$up_pid" ]; then
    echo 2>/dev/null || exec 1>&2   # standard output closed (`make demo | head`): report on standard error
    echo "Stopping the demo system…"
    HUANJU_VAR="$var" deploy/down.sh >/dev/null || status=1
    kill -TERM "$up_pid" 2>/dev/null
    wait "$up_pid" || status=1
    grep -E "exited with status|huanju stopped" "$var/up.log" | sed 's/^/  /'
  fi
  exit $status
}
trap stop_system EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

HUANJU_VAR="$var" HUANJU_CONTROLLABLE_CLOCK="$var/clock" HUANJU_BIN="$bin" deploy/up.sh >"$var/up.log" 2>&1 3>&- &
up_pid=$!
for _ in $(seq 1 300); do
  grep -q "Huanju Live is up" "$var/up.log" && break
  kill -0 "$up_pid" 2>/dev/null || { cat "$var/up.log"; up_pid=""; echo "the demo system did not start"; exit 1; }
  sleep 0.2
done
grep -q "Huanju Live is up" "$var/up.log" || { cat "$var/up.log"; echo "the demo system did not start within 60 s"; exit 1; }

# --- Helpers -----------------------------------------------------------------------------------

failures=0

# huanjuctl, expected to succeed: prints its standard output; on a refusal shows it and stops.
hj() {
  local out err code=0
  err=$(mktemp)
  out=$("$bin/huanjuctl" "$@" 2>"$err") || code=$?
  if [ "$code" -ne 0 ]; then
    echo "✗ huanjuctl $* failed (exit $code): $(cat "$err")" >&2
    rm -f "$err"; exit 1
  fi
  rm -f "$err"
  printf '%s' "$out"
}

# huanjuctl, expected to be refused: prints the refusal ("STATUS: message"); succeeding stops the demo.
refused() {
  local err code=0
  err=$(mktemp)
  "$bin/huanjuctl" "$@" >/dev/null 2>"$err" || code=$?
  if [ "$code" -eq 0 ]; then
    echo "OK (the call succeeded)"
  else
    grep -v '^idempotency key:' "$err" | head -n 1
  fi
  rm -f "$err"
}

# pick EXPRESSION: evaluates a Python expression over the JSON on standard input (as `d`), with
# cst(ms) → "2020-01-01 12:00 CST", cny(fen) → "140,000.00 CNY", n(x) → "30,000" and the enum names.
pick() {
  "$python" -c '
import json, sys
from datetime import datetime, timedelta, timezone
def cst(ms): return "-" if not ms else datetime.fromtimestamp(ms / 1000, timezone(timedelta(hours=8))).strftime("%Y-%m-%d %H:%M CST")
def cny(fen): return "%s.%02d CNY" % (format(fen // 100, ","), fen % 100)
def n(x): return format(x, ",")
CODE = ["?", "UNBOUND", "LAPSED", "ACTIVE", "SUSPENDED", "EXPIRED"]
KIND = ["?", "Flagship", "Standard"]
APPLICATION = ["NONE", "PENDING", "APPROVED", "REJECTED"]
TICKET = ["?", "PENDING_REVIEW", "APPROVED", "REJECTED", "PAID", "APPLIED"]
FULFILMENT = ["?", "PENDING", "FULFILLED"]
BROADCAST = ["?", "LIVE", "ENDED"]
d = json.load(sys.stdin)
print(eval(sys.argv[1]))' "$1"
}

now() { "$bin/huanjuctl" clock show | sed 's/  (.*//'; }

# at "2020-01-01 12:00": sets the clock and starts a paragraph with the time.
at() {
  hj clock set "$1" >/dev/null
  echo
  echo "[$(now)]"
}

# say TEXT: one event of the timeline.
say() { echo "  $*"; }

# check LABEL ACTUAL EXPECTED: one figure against the guide.
check() {
  if [ "$2" = "$3" ]; then
    printf '      %-40s %-38s ✓\n' "$1" "$2"
  else
    printf '      %-40s %-38s ✗ the guide says: %s\n' "$1" "$2" "$3"
    failures=$((failures + 1))
  fi
}

# refusal LABEL "STATUS: message" STATUS WORD: refused with that status, for a reason that names WORD.
refusal() {
  if [[ "$2" == "$3: "* && "${2,,}" == *"${4,,}"* ]]; then
    printf '      %-40s %-38s ✓\n        %s\n' "$1" "refused $3" "$2"
  else
    printf '      %-40s %-38s ✗ the guide says: refused %s (%s)\n        %s\n' "$1" "not refused as expected" "$3" "$4" "$2"
    failures=$((failures + 1))
  fi
}

section() {
  echo
  echo "── $* $(printf '─%.0s' $(seq 1 $((88 - ${#1}))))"
}

# An enterprise account, registered and applied for now.
register() {
  hj billing register --kind enterprise --name "$1" --contact "$2" --json | pick 'd["account"]["account_id"]'
}

# The account's codes as JSON; code ACCOUNT INDEX EXPRESSION picks from the INDEX-th (oldest first).
codes() { hj activation codes --as "$1" --json; }
code() { codes "$1" | pick "(lambda c: $3)(d[$2])"; }

# Waits (≤ 15 s) until billing's order is FULFILLED: what it bought has reached activation.
fulfilled() {
  local state
  for _ in $(seq 1 150); do
    state=$(hj billing order "$2" --as "$1" --json | pick 'FULFILMENT[d["fulfilment"]]')
    [ "$state" = FULFILLED ] && return 0
    sleep 0.1
  done
  echo "✗ order $2 was not fulfilled within 15 s" >&2; exit 1
}

# --- The timeline ------------------------------------------------------------------------------

echo "Huanju Live: the purchase guide's worked example (RULES.md §11), played through huanjuctl"
echo "System: $var (sockets $var/run, data $var/data, logs $var/log, controllable clock $var/clock)"
echo "Every figure the guide states is checked: ✓ as the guide says, ✗ differs."
echo "Accounts: A, the guide's; and, for the guide's \"what if\" lines, R (like A but never renews)"
echo "and N (like A but never binds its gift code)."

section "Before step 1: the accounts are approved (RULES §2)"
at "2019-12-20 15:00"
A=$(register "Acme Live Co." "ops@acme.example")
R=$(register "Renewless Ltd" "ops@renewless.example")
N=$(register "Nobind Ltd" "ops@nobind.example")
say "A ($A), R ($R) and N ($N) register as ENTERPRISE accounts and apply for the formal service"
applied=$(hj billing apply --as "$A" --json)
for account in "$R" "$N"; do hj billing apply --as "$account" >/dev/null; done
check "A's application" "$(pick 'APPLICATION[d["application"]["status"]]' <<<"$applied")" "PENDING"
check "decision due (5 working days)" "$(hj billing account --as "$A" --json | pick 'cst(d["application"]["decision_due_ms"])')" "2019-12-27 15:00 CST"
at "2019-12-23 10:00"
for account in "$A" "$R" "$N"; do hj billing approve "$account" >/dev/null; done
say "an operator approves the three applications (operator socket)"
check "A's application" "$(hj billing account --as "$A" --json | pick 'APPLICATION[d["application"]["status"]]')" "APPROVED"

section "Step 1: A buys the annual fee; gift code A"
at "2020-01-01 12:00"
fee=$(hj billing buy-fee --as "$A" --key "demo-A-fee-2020" --json)
fee_order=$(pick 'd["order"]["order_id"]' <<<"$fee")
say "A buys the base annual fee (order $fee_order)"
check "price" "$(pick 'cny(d["order"]["lines"][0]["unit_price_fen"])' <<<"$fee")" "140,000.00 CNY"
check "gift Flagship code" "$(pick 'cny(d["order"]["lines"][1]["total_fen"])' <<<"$fee")" "0.00 CNY"
check "order total" "$(pick 'cny(d["order"]["total_fen"])' <<<"$fee")" "140,000.00 CNY"
check "fee valid until" "$(pick 'cst(d["order"]["fee_active_until_ms"])' <<<"$fee")" "2020-12-31 12:00 CST"
again=$(hj billing buy-fee --as "$A" --key "demo-A-fee-2020" --json)
say "the same purchase sent again with the same idempotency key (a retry)"
check "same order, nothing charged again" "$(pick 'd["order"]["order_id"] + (" (replayed)" if d["replayed"] else "")' <<<"$again")" "$fee_order (replayed)"
for account in "$R" "$N"; do
  other=$(hj billing buy-fee --as "$account" --key "demo-fee-2020" --json)
  fulfilled "$account" "$(pick 'd["order"]["order_id"]' <<<"$other")"
done
say "R and N buy the annual fee at the same moment"
fulfilled "$A" "$fee_order"
codeA=$(code "$A" 0 'c["code_id"]'); codeA_text=$(code "$A" 0 'c["code"]')
say "gift code A ($codeA, $(code "$A" 0 'c["code_masked"]')) reaches activation"
check "code A" "$(code "$A" 0 'KIND[c["kind"]] + (" gift" if c["gift"] else "") + ", " + n(c["capacity"]) + " viewers"')" "Flagship gift, 20,000 viewers"
check "code A issued" "$(code "$A" 0 'cst(c["issued_at_ms"])')" "2020-01-01 12:00 CST"
check "code A status" "$(code "$A" 0 'CODE[c["status"]]')" "UNBOUND"
say "A asks for a refund of the annual fee"
refusal "refund" "$(refused billing refund "$fee_order" --as "$A" --reason "changed our mind")" FAILED_PRECONDITION "non-refundable"

section "Step 2: code A must be bound before 2020-03-01 12:00"
check "code A: bind before" "$(code "$A" 0 'cst(c["bind_deadline_ms"])')" "2020-03-01 12:00 CST"

section "Step 3: A binds code A on 2020-02-01; valid until 2021-01-31"
at "2020-02-01 10:00"
bound=$(hj activation bind "$codeA_text" --device "phone-A" --wechat "wx-host-A" --as "$A" --json)
say "A binds code A to device phone-A and WeChat id wx-host-A"
check "code A status" "$(pick 'CODE[d["code"]["status"]]' <<<"$bound")" "ACTIVE"
check "code A valid until (same clock time)" "$(pick 'cst(d["code"]["valid_until_ms"])' <<<"$bound")" "2021-01-31 10:00 CST"
codeR_text=$(code "$R" 0 'c["code"]')
hj activation bind "$codeR_text" --device "phone-R" --wechat "wx-host-R" --as "$R" >/dev/null
say "R binds its gift code at the same moment"
check "R's code valid until" "$(code "$R" 0 'cst(c["valid_until_ms"])')" "2021-01-31 10:00 CST"

at "2020-03-01 11:59"
say "N has not bound its gift code; the window is still open for one more minute"
check "N's code status" "$(code "$N" 0 'CODE[c["status"]]')" "UNBOUND"
at "2020-03-01 12:00"
say "N's window has closed (the end instant is exclusive)"
check "N's code status" "$(code "$N" 0 'CODE[c["status"]]')" "LAPSED"
refusal "N binds now" "$(refused activation bind "$(code "$N" 0 'c["code"]')" --device "phone-N" --wechat "wx-host-N" --as "$N")" FAILED_PRECONDITION "2020-03-01 12:00"

section "Step 5: A renews on 2020-05-01 afternoon; gift code B"
at "2020-05-01 15:00"
renewal=$(hj billing buy-fee --as "$A" --key "demo-A-fee-2021" --json)
renewal_order=$(pick 'd["order"]["order_id"]' <<<"$renewal")
say "A renews the annual fee while it is active (order $renewal_order)"
check "price" "$(pick 'cny(d["order"]["total_fen"])' <<<"$renewal")" "140,000.00 CNY"
check "fee valid until" "$(pick 'cst(d["order"]["fee_active_until_ms"])' <<<"$renewal")" "2021-12-31 12:00 CST"
fulfilled "$A" "$renewal_order"
check "code A unchanged: status" "$(code "$A" 0 'CODE[c["status"]]')" "ACTIVE"
check "code A unchanged: valid until" "$(code "$A" 0 'cst(c["valid_until_ms"])')" "2021-01-31 10:00 CST"
codeB=$(code "$A" 1 'c["code_id"]'); codeB_text=$(code "$A" 1 'c["code"]')
say "gift code B ($codeB, $(code "$A" 1 'c["code_masked"]')) reaches activation"
check "code B" "$(code "$A" 1 'KIND[c["kind"]] + (" gift" if c["gift"] else "") + ", " + n(c["capacity"]) + " viewers, " + CODE[c["status"]]')" "Flagship gift, 20,000 viewers, UNBOUND"
check "code B: bind before" "$(code "$A" 1 'cst(c["bind_deadline_ms"])')" "2020-07-01 15:00 CST"

section "Step 6: code B is bound and expanded by 10,000 viewers; a broadcast admits 30,000"
at "2020-05-02 10:00"
bound=$(hj activation bind "$codeB_text" --device "phone-A" --wechat "wx-host-A" --as "$A" --json)
say "A binds code B to phone-A / wx-host-A"
check "code B status" "$(pick 'CODE[d["code"]["status"]]' <<<"$bound")" "ACTIVE"
check "code B valid until" "$(pick 'cst(d["code"]["valid_until_ms"])' <<<"$bound")" "2021-05-01 10:00 CST"
ticket=$(hj billing ticket open --as "$A" --code "$codeB" --groups 100 --json)
ticket_id=$(pick 'd["ticket_id"]' <<<"$ticket")
say "A opens expansion ticket $ticket_id: 100 groups of 100 viewers for code B"
check "adds" "$(pick '"+" + n(d["added_viewers"]) + " viewers"' <<<"$ticket")" "+10,000 viewers"
check "price (100 groups at 10,000 CNY)" "$(pick 'cny(d["price_fen"])' <<<"$ticket")" "1,000,000.00 CNY"
check "ticket" "$(pick 'TICKET[d["state"]]' <<<"$ticket")" "PENDING_REVIEW"
at "2020-05-02 11:00"
say "an operator approves the ticket"
check "ticket" "$(hj billing ticket approve "$ticket_id" --json | pick 'TICKET[d["state"]]')" "APPROVED"
at "2020-05-02 11:30"
paid=$(hj billing ticket pay "$ticket_id" --as "$A" --key "demo-A-expansion" --json)
say "A pays the ticket (order $(pick 'd["order"]["order_id"]' <<<"$paid"))"
check "paid" "$(pick 'cny(d["order"]["total_fen"])' <<<"$paid")" "1,000,000.00 CNY"
check "ticket" "$(pick 'TICKET[d["ticket"]["state"]]' <<<"$paid")" "PAID"
fulfilled "$A" "$(pick 'd["order"]["order_id"]' <<<"$paid")"
at "2020-05-02 14:00"
applied=$(hj activation apply-expansion "$ticket_id" --json)
say "an operator applies the paid expansion in activation"
check "code B capacity" "$(pick 'n(d["code"]["capacity"])' <<<"$applied")" "30,000"
check "code B valid until (unchanged)" "$(pick 'cst(d["code"]["valid_until_ms"])' <<<"$applied")" "2021-05-01 10:00 CST"
for _ in $(seq 1 150); do
  state=$(hj billing ticket show "$ticket_id" --as "$A" --json | pick 'TICKET[d["state"]]')
  [ "$state" = APPLIED ] && break
  sleep 0.1
done
check "ticket, once activation reports it" "$state" "APPLIED"

at "2020-05-02 20:00"
started=$(hj room-session start "$codeB_text" --device "phone-A" --wechat "wx-host-A" --title "Spring launch" --as "$A" --json)
broadcast=$(pick 'd["broadcast"]["broadcast_id"]' <<<"$started")
say "A starts broadcast $broadcast with code B from phone-A"
check "broadcast" "$(pick 'BROADCAST[d["broadcast"]["state"]]' <<<"$started")" "LIVE"
check "viewer limit" "$(pick 'n(d["broadcast"]["viewer_limit"])' <<<"$started")" "30,000"
check "ends by (4 hours at most)" "$(pick 'cst(d["broadcast"]["ends_at_ms"])' <<<"$started")" "2020-05-03 00:00 CST"
filled=$(hj room-session fill "$broadcast" --viewers 30000 --prefix "wx_" --concurrency 128 --json)
say "30,000 distinct viewers join (huanjuctl room-session fill)"
check "admitted" "$(pick 'n(d["admitted"])' <<<"$filled")" "30,000"
check "refused" "$(pick 'n(sum(d["refused"].values()))' <<<"$filled")" "0"
say "viewer 30,001 joins"
refusal "join wx_30001" "$(refused room-session join "$broadcast" "wx_30001")" RESOURCE_EXHAUSTED "30,000"
say "a viewer already present joins again (a rejoin never counts twice)"
check "present after the rejoin" "$(hj room-session join "$broadcast" "wx_0000000000000000" --json | pick 'n(d["present_viewers"]) + " of " + n(d["viewer_limit"])')" "30,000 of 30,000"
shown=$(hj room-session show "$broadcast" --as "$A" --json)
check "present / peak" "$(pick 'n(d["present_viewers"]) + " / " + n(d["peak_viewers"])' <<<"$shown")" "30,000 / 30,000"
at "2020-05-02 21:00"
ended=$(hj room-session end "$broadcast" --as "$A" --json)
say "A ends the broadcast"
check "broadcast" "$(pick 'BROADCAST[d["state"]] + ", peak " + n(d["peak_viewers"])' <<<"$ended")" "ENDED, peak 30,000"

section "Step 4: had the fee not been renewed (account R) — checked when the dates come"
at "2020-12-31 11:59"
say "one minute before the end of the first year's term"
check "R's code status" "$(code "$R" 0 'CODE[c["status"]]')" "ACTIVE"
at "2020-12-31 12:00"
say "R did not renew: its fee has lapsed"
check "R's fee" "$(hj billing account --as "$R" --json | pick '"active" if d["fee"]["active"] else "NOT ACTIVE since " + cst(d["fee"]["last_ended_ms"])')" "NOT ACTIVE since 2020-12-31 12:00 CST"
check "R's code status" "$(code "$R" 0 'CODE[c["status"]]')" "SUSPENDED"
refusal "R buys a Standard code" "$(refused billing buy-codes --kind standard --quantity 1 --as "$R" --key "demo-R-codes")" FAILED_PRECONDITION "annual fee"
refusal "R starts a broadcast" "$(refused room-session start "$codeR_text" --device "phone-R" --wechat "wx-host-R" --as "$R")" FAILED_PRECONDITION "SUSPENDED"
say "R asks support why; huanjuctl activation explain answers what StartBroadcast would say then, and why"
hj activation explain "$codeR_text" --at "2020-12-31 12:00" --device "phone-R" --wechat "wx-host-R" --as "$R" | sed 's/^/  /'; echo
why=$(hj activation explain "$codeR_text" --at "2020-12-31 12:00" --device "phone-R" --wechat "wx-host-R" --as "$R" --json)
check "explained: code status then" "$(pick 'CODE[d["code"]["status"]]' <<<"$why")" "SUSPENDED"
check "explained: the fee's lapse began" "$(pick 'cst(d["fee"]["gap"]["previous_end_ms"])' <<<"$why")" "2020-12-31 12:00 CST"
check "explained: what changes it" "$(pick 'd["next_change"]' <<<"$why")" "usable again when the annual fee is renewed, if before 2021-01-31 10:00 CST, when the code expires for good"
say "A renewed in step 5, so code A works on"
check "A's fee valid until" "$(hj billing account --as "$A" --json | pick 'cst(d["fee"]["active_until_ms"])')" "2021-12-31 12:00 CST"
check "code A status" "$(code "$A" 0 'CODE[c["status"]]')" "ACTIVE"
at "2021-01-31 09:59"
check "R's code status" "$(code "$R" 0 'CODE[c["status"]]')" "SUSPENDED"
at "2021-01-31 10:00"
say "a year after binding (less a day), code A and R's code expire: a renewal never extends a code"
check "R's code status" "$(code "$R" 0 'CODE[c["status"]]')" "EXPIRED"
check "code A status" "$(code "$A" 0 'CODE[c["status"]]')" "EXPIRED"

section "Step 6, the end: the extra capacity ends when code B expires"
at "2021-05-01 09:59"
check "code B" "$(code "$A" 1 'CODE[c["status"]] + ", " + n(c["capacity"]) + " viewers"')" "ACTIVE, 30,000 viewers"
at "2021-05-01 10:00"
check "code B status" "$(code "$A" 1 'CODE[c["status"]]')" "EXPIRED"
check "A's fee still valid until" "$(hj billing account --as "$A" --json | pick 'cst(d["fee"]["active_until_ms"])')" "2021-12-31 12:00 CST"
refusal "A starts a broadcast with code B" "$(refused room-session start "$codeB_text" --device "phone-A" --wechat "wx-host-A" --as "$A")" FAILED_PRECONDITION "EXPIRED"

section "What each account was told, and when: its event feed (huanjuctl activation events)"
say "N never bound its gift code: reminded 14, 3 and 1 day before its window closed, then told it lapsed"
hj activation events --as "$N" | sed 's/^/  /'; echo
n_feed=$(hj activation events --as "$N" --json)
check "N's bind reminders (days before)" "$(pick '", ".join(str(e["days_left"]) for e in d if e["type"] == 12)' <<<"$n_feed")" "14, 3, 1"
check "N's code lapsed at" "$(pick '"".join(cst(e["occurred_at_ms"]) for e in d if e["type"] == 8)' <<<"$n_feed")" "2020-03-01 12:00 CST"
say "R never renewed: reminded 30, 7 and 1 day before the fee ended, then told its code was suspended"
hj activation events --as "$R" | sed 's/^/  /'; echo
r_feed=$(hj activation events --as "$R" --json)
check "R's fee reminders (days before)" "$(pick '", ".join(str(e["days_left"]) for e in d if e["type"] == 13)' <<<"$r_feed")" "30, 7, 1"
check "R's code suspended at" "$(pick '"".join(cst(e["occurred_at_ms"]) for e in d if e["type"] == 6)' <<<"$r_feed")" "2020-12-31 12:00 CST"
say "A renewed in time: no reminder about the fee; its codes' expiry was announced 30 and 7 days ahead"
a_feed=$(hj activation events --as "$A" --json)
check "A's fee reminders" "$(pick 'str(sum(1 for e in d if e["type"] == 13))' <<<"$a_feed")" "0"
check "A's expiry reminders" "$(pick 'str(sum(1 for e in d if e["type"] == 14))' <<<"$a_feed")" "4"

section "Metrics: the demo's calls, as huanjuctl stats shows them"
billing_stats=$(hj stats billing)
session_stats=$(hj stats room-session)
grep -E '^huanju_rpc_calls_total\{.*method="huanju\.billing\.v1\.Billing/(PurchaseAnnualFee|RequestRefund|PayExpansionTicket|PurchaseCodes)"' <<<"$billing_stats" | sed 's/^/  /'
grep -E '^huanju_rpc_calls_total\{.*method="huanju\.session\.v1\.RoomSession/Join"' <<<"$session_stats" | sed 's/^/  /'
calls() { grep -F "method=\"$2\",status=\"$3\"}" <<<"$1" | awk '{print $NF}'; }
check "billing PurchaseAnnualFee OK" "$(calls "$billing_stats" huanju.billing.v1.Billing/PurchaseAnnualFee OK)" "5"
check "room-session Join OK" "$(calls "$session_stats" huanju.session.v1.RoomSession/Join OK)" "30001"
check "room-session Join RESOURCE_EXHAUSTED" "$(calls "$session_stats" huanju.session.v1.RoomSession/Join RESOURCE_EXHAUSTED)" "1"

echo
if [ "$failures" -eq 0 ]; then
  echo "All figures match the guide ($(($(date +%s) - started_at)) s)."
else
  echo "$failures figure(s) differ from the guide."
  exit 1
fi
