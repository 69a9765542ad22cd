#!/usr/bin/env bash
# Makes sure Debian's kcat is installed: it carries librdkafka's mock cluster, the Kafka-protocol
# broker the Kafka test suites run against (mock-cluster.sh). Runs as root (CI, dev machines).
set -euo pipefail

if command -v kcat >/dev/null; then
  echo "kcat is installed: $(kcat -V 2>&1 | head -1)"
  exit 0
fi

echo "kcat is not installed: installing Debian's package."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq kcat >/dev/null
echo "kcat installed: $(kcat -V 2>&1 | head -1)"
