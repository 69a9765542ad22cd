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
trap 'rm -rf "$data_dir" "$log"; [ -n "$pid" ] && kill -9 -- "-$pid" 2>/dev/null || true' EXIT

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

kill -TERM "$pid"
expect_clean_stop "SIGTERM to npm"

start
kill -INT -- "-$pid"
expect_clean_stop "SIGINT to the process group (Ctrl-C)"

echo "smoke: npm start served /health/ready, /docs-json and /metrics and shut down cleanly"
