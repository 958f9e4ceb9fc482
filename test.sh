#!/usr/bin/env bash
# Runs all of Lanner's tests on a fresh Debian 12 machine: installs what is missing (apt packages as
# root, Maven artifacts), builds everything and runs the unit tests, the OSGi integration tests (inside
# Felix), the Karaf features verification, the distribution tests and, as root, the eBPF tests;
# then fuzzes the capture reader, rules loader and configuration loader for a bounded time (about
# 45 s each, scripts/fuzz.sh). Prints a summary and fails when any test failed, when an OSGi test
# module ran no test, when the eBPF tests skipped although this machine could run them, or when a
# fuzzer found an input that breaks its contract (the input is printed and saved beside the corpus).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
mvn -B -ntp install "$@"
scripts/test-summary.sh
scripts/fuzz.sh "$@"
