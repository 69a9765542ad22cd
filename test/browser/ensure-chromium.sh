#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed: the browser the console's tests drive with
# playwright-core (never `npx playwright install`, which downloads a browser). Runs as root.
set -euo pipefail

if command -v chromium >/dev/null; then
  echo "chromium is installed: $(chromium --version 2>/dev/null | head -1)"
  exit 0
fi

echo "chromium is not installed: installing Debian's package."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
echo "chromium installed: $(chromium --version 2>/dev/null | head -1)"
