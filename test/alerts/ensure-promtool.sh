#!/usr/bin/env bash
# Makes sure promtool is installed: Debian's `prometheus` package carries it, and
# test/alerts/alert-rules.int-spec.ts runs `promtool test rules` on docker/prometheus/alerts.test.yml.
# Runs as root (CI, dev machines).
set -euo pipefail

if command -v promtool >/dev/null; then
  echo "promtool is installed: $(promtool --version 2>&1 | head -1)"
  exit 0
fi

echo "promtool is not installed: installing Debian's prometheus package."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
echo "promtool installed: $(promtool --version 2>&1 | head -1)"
