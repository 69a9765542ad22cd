#!/usr/bin/env bash
# librdkafka's mock cluster (from Debian's kcat): a real Kafka-protocol broker with 3 brokers for
# the Kafka test suites, no JVM and no Docker. It has no controller: no createTopics, no
# idempotent or transactional producer; topics are auto-created with 4 partitions on first use
# (docs/adr/0010-kafka-transport.md). It keeps everything in memory and forgets it on stop.
#
#   mock-cluster.sh start    starts one in the background, prints its bootstrap servers
#   mock-cluster.sh status   prints the bootstrap servers if it runs (exit 1 if not)
#   mock-cluster.sh stop     stops it
#
# MOCK_CLUSTER_STATE names the state directory (pid, servers, log), so several clusters can run
# side by side (Jest's global setup uses one per test run); default test/kafka/.mock-cluster.
set -euo pipefail

state="${MOCK_CLUSTER_STATE:-$(cd "$(dirname "$0")" && pwd)/.mock-cluster}"
pid_file="$state/pid"
servers_file="$state/servers"
log_file="$state/log"

running() { [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

start() {
  if running; then
    cat "$servers_file"
    return 0
  fi
  command -v kcat >/dev/null || {
    echo "kcat is not installed: run test/kafka/ensure-kcat.sh" >&2
    exit 1
  }
  mkdir -p "$state"
  rm -f "$servers_file"
  # created here, not by the background job's redirection, which may not have run when the loop
  # below first reads it (under load the read then failed, and set -e ended the script)
  : >"$log_file"
  # no `-d mock`: with it the log grows by every request (tens of MB in minutes of tests)
  setsid kcat -C -t bootstrap -X test.mock.num.brokers=3 -b localhost:9092 >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  for _ in $(seq 1 100); do
    # "... original bootstrap.servers and security.protocol ignored and replaced with 127.0.0.1:1,127.0.0.1:2,..."
    servers=$(sed -n 's/.*replaced with \([0-9.:,]*\).*/\1/p' "$log_file" | head -1)
    if [[ -n "$servers" ]]; then
      echo "$servers" >"$servers_file"
      echo "$servers"
      return 0
    fi
    running || break
    sleep 0.1
  done
  echo "the mock cluster did not come up; its log:" >&2
  cat "$log_file" >&2
  stop >/dev/null
  exit 1
}

stop() {
  if running; then
    pid=$(cat "$pid_file")
    kill "$pid"
    # it takes 1 to 4 s to exit after SIGTERM
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file" "$servers_file"
  echo "stopped"
}

status() {
  if running; then
    cat "$servers_file"
  else
    echo "not running" >&2
    exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
