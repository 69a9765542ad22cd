#!/usr/bin/env bash
# `npm start` on the embedded default (no DATABASE_URL): waits for /health/ready, checks
# /docs-json and /metrics, then SIGTERMs it and expects a clean exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${SMOKE_PORT:-3917}"
data_dir=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$data_dir" "$log"' EXIT

env -u DATABASE_URL PORT="$port" PGLITE_DATA_DIR="$data_dir" npm start >"$log" 2>&1 &
pid=$!

fail() {
  echo "smoke: $*" >&2
  tail -40 "$log" >&2
  kill -9 "$pid" 2>/dev/null || true
  exit 1
}

for _ in $(seq 1 360); do # the first start builds everything: allow for a slow machine
  if curl -fsS --max-time 20 "http://127.0.0.1:${port}/health/ready" >/dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || fail "npm start exited before it was ready"
  sleep 0.5
done
curl -fsS --max-time 20 "http://127.0.0.1:${port}/health/ready" || fail "/health/ready did not answer 200"
echo
# Fetch whole bodies before matching: `curl | grep -q` fails under pipefail when grep stops
# reading at its first match and curl cannot write the rest (curl exit 23).
docs=$(curl -fsS --max-time 20 "http://127.0.0.1:${port}/docs-json") || fail "/docs-json did not answer 200"
grep -q '"openapi"' <<<"$docs" || fail "/docs-json is not an OpenAPI document"
metrics=$(curl -fsS --max-time 20 "http://127.0.0.1:${port}/metrics") || fail "/metrics did not answer 200"
grep -q 'events_consumed_total' <<<"$metrics" || fail "/metrics lacks the platform metrics"

# npm start runs node under npm (and a shell): signal the node process itself, as an
# orchestrator running `node dist/...` would
node_pid=$(pgrep -f '^node scripts/start.js' | head -1 || true)
[ -n "$node_pid" ] || fail "cannot find the node process of npm start"
kill -TERM "$node_pid"
for _ in $(seq 1 60); do
  kill -0 "$node_pid" 2>/dev/null || break
  sleep 0.5
done
kill -0 "$node_pid" 2>/dev/null && fail "did not exit within 30 s of SIGTERM"
wait "$pid" && status=0 || status=$?
[ "$status" -eq 0 ] || fail "exited with status $status after SIGTERM"
grep -q 'shutdown complete' "$log" || fail "no 'shutdown complete' in the log"
echo "smoke: npm start served /health/ready, /docs-json and /metrics and shut down cleanly"
