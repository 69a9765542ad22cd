#!/usr/bin/env bash
# Makes sure a command the test suite needs is installed, from Debian's packages when it is not:
#   ensure-debian-package.sh <command> <package> [<version flag>]
# Called by test/kafka/ensure-kcat.sh, test/browser/ensure-chromium.sh and
# test/alerts/ensure-promtool.sh. Runs as root (CI, dev machines).
set -euo pipefail
command_name="$1"
package="$2"
version_flag="${3:---version}"

# (the first line that is not a wrapper script's complaint)
version() { "$command_name" "$version_flag" 2>&1 | grep -v "^/" | head -1; }

if command -v "$command_name" >/dev/null; then
  echo "$command_name is installed: $(version)"
  exit 0
fi

echo "$command_name is not installed: installing Debian's $package package."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "$package" >/dev/null
echo "$command_name installed: $(version)"
