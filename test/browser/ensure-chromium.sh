#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed: the browser the console's tests drive with
# playwright-core (never `npx playwright install`, which downloads a browser).
exec bash "$(dirname "$0")/../setup/ensure-debian-package.sh" chromium chromium
