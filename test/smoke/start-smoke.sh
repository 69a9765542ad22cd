#!/usr/bin/env bash
# `npm start` on the embedded default (no DATABASE_URL): waits for /health/ready, checks
# /docs-json and /metrics, then stops it the two ways people do and expects a clean drain:
#   1. SIGTERM to npm's own pid (process managers, IDE stop buttons): npm must pass it on, and the
#      port must stop answering and the whole process group be gone, with npm exiting 0;
#   2. SIGINT to the whole process group (Ctrl-C in a terminal): one drain, not killed mid-drain
#      by the second SIGINT that npm forwards.
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${SMOKE_PORT:-3917}"
data_dir=$(mktemp -d)
log=$(mktemp)
pid=
orders=$(mktemp)
trap 'rm -rf "$data_dir" "$data_dir.admin-token" "$log" "$orders"; [ -n "$pid" ] && kill -9 -- "-$pid" 2>/dev/null || true' EXIT

fail() {
  echo "smoke: $*" >&2
  tail -40 "$log" >&2
  exit 1
}

# setsid: npm leads a process group of its own, so the test can signal the group as a terminal would
start() {
  : >"$log"
  env -u DATABASE_URL PORT="$port" PGLITE_DATA_DIR="$data_dir" setsid npm start >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 360); do # the first start builds everything: allow for a slow machine
    if curl -fsS --max-time 20 "http://127.0.0.1:${port}/health/ready" >/dev/null 2>&1; then return; fi
    kill -0 "$pid" 2>/dev/null || fail "npm start exited before it was ready"
    sleep 0.5
  done
  fail "/health/ready did not answer 200 within 180 s"
}

# $1: what was sent. Within 30 s (SHUTDOWN_TIMEOUT_MS is 25 s) npm must exit 0 after exactly one
# drain, the port must be closed and no process of the group may be left.
expect_clean_stop() {
  local status
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && fail "npm did not exit within 30 s of $1"
  wait "$pid" && status=0 || status=$?
  [ "$status" -eq 0 ] || fail "npm exited with status $status after $1"
  if pgrep -g "$pid" >/dev/null; then
    fail "processes left after $1: $(pgrep -a -g "$pid")"
  fi
  curl -s --max-time 2 "http://127.0.0.1:${port}/health/live" >/dev/null && fail "port $port still answers after $1"
  grep -q 'shutdown complete' "$log" || fail "no 'shutdown complete' in the log after $1"
  local drains
  drains=$(grep -c 'received: draining' "$log" || true)
  [ "$drains" -eq 1 ] || fail "$drains drains after $1, expected 1"
  pid=
  echo "smoke: $1: drained once, npm exited 0, port closed, no process left"
}

start
curl -fsS --max-time 20 "http://127.0.0.1:${port}/health/ready" || fail "/health/ready did not answer 200"
echo
# Fetch whole bodies before matching: `curl | grep -q` fails under pipefail when grep stops
# reading at its first match and curl cannot write the rest (curl exit 23).
docs=$(curl -fsS --max-time 20 "http://127.0.0.1:${port}/docs-json") || fail "/docs-json did not answer 200"
grep -q '"openapi"' <<<"$docs" || fail "/docs-json is not an OpenAPI document"
metrics=$(curl -fsS --max-time 20 "http://127.0.0.1:${port}/metrics") || fail "/metrics did not answer 200"
grep -q 'events_consumed_total' <<<"$metrics" || fail "/metrics lacks the platform metrics"

# The README's operations commands, run as a new user runs them (no DATABASE_URL, no ADMIN_TOKEN)
# while the platform takes orders: they go through it instead of opening its data folder (issue 11).
# Afterwards the read models equal the orders and nothing was dead-lettered.
ops() { env -u DATABASE_URL -u ADMIN_TOKEN PGLITE_DATA_DIR="$data_dir" npm run --silent "$@"; }
order='{"customerId":"5b0c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3","customerEmail":"ada@example.com","currency":"EUR",
  "lines":[{"sku":"SKU-0001","quantity":1}],"paymentToken":"tok_visa","shippingAddress":{"name":"Ada Lovelace",
  "line1":"12 St James Square","city":"London","postalCode":"SW1Y 4JH","country":"GB"}}'
place() { curl -s -o /dev/null -w '%{http_code}' --max-time 20 -X POST "http://127.0.0.1:${port}/orders" \
  -H 'Content-Type: application/json' -d "$order"; }
for _ in $(seq 1 120); do # orders learns the demo prices from inventory's events just after start
  [ "$(place)" = 202 ] && { echo placed >>"$orders"; break; }
  sleep 0.5
done
[ -s "$orders" ] || fail "POST /orders never answered 202"
done_flag="$orders.done"
(while [ ! -e "$done_flag" ]; do [ "$(place)" = 202 ] && echo placed >>"$orders"; sleep 0.2; done) &
traffic=$!
ops analytics:rebuild || { touch "$done_flag"; fail "analytics:rebuild failed while the platform ran"; }
ops check:invariants || { touch "$done_flag"; fail "check:invariants failed while the platform ran"; }
touch "$done_flag"
wait "$traffic"
rm -f "$done_flag"
placed=$(wc -l <"$orders")
for _ in $(seq 1 240); do
  funnel=$(curl -fsS --max-time 20 "http://127.0.0.1:${port}/analytics/funnel") || fail "/analytics/funnel"
  settled=$(node -e 'const f = JSON.parse(process.argv[1]); console.log(f.placed === +process.argv[2] &&
    f.delivered + f.cancelled === f.placed ? "yes" : "no")' "$funnel" "$placed")
  [ "$settled" = yes ] && break
  sleep 0.5
done
[ "$settled" = yes ] || fail "analytics does not equal the $placed orders placed: $funnel"
ops check:invariants -- --settle-ms 0 || fail "an invariant does not hold once every order settled"
letters=$(ops dead-letters -- list --status pending --json) || fail "dead-letters list failed"
node -e 'process.exit(JSON.parse(process.argv[1]).items.length === 0 ? 0 : 1)' "$letters" ||
  fail "dead letters were left: $letters"
echo "smoke: analytics:rebuild and check:invariants ran against the running platform during $placed orders;" \
  "analytics equals the orders, every invariant holds, no dead letter"

kill -TERM "$pid"
expect_clean_stop "SIGTERM to npm"

start
kill -INT -- "-$pid"
expect_clean_stop "SIGINT to the process group (Ctrl-C)"

echo "smoke: npm start served /health/ready, /docs-json and /metrics, the operations commands, and shut down cleanly"
