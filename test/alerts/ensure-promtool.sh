#!/usr/bin/env bash
# Makes sure promtool is installed: Debian's `prometheus` package carries it, and
# test/alerts/alert-rules.int-spec.ts runs `promtool test rules` on docker/prometheus/alerts.test.yml.
exec bash "$(dirname "$0")/../setup/ensure-debian-package.sh" promtool prometheus
