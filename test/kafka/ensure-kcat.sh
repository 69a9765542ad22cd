#!/usr/bin/env bash
# Makes sure Debian's kcat is installed: it carries librdkafka's mock cluster, the Kafka-protocol
# broker the Kafka test suites run against (mock-cluster.sh).
exec bash "$(dirname "$0")/../setup/ensure-debian-package.sh" kcat kcat -V
