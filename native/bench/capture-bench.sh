#!/bin/sh
# Capture benchmark (root): system-call storms with and without the probe, side by side.
#   native/bench/capture-bench.sh [seconds-per-run]
# The storm runs on CPU 1, the JVM (and its capture reader) on CPU 0.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_RUN=${1:-5}
cd "$ROOT"
mvn -B -q -o -pl bundles/org.lanner.driver.ebpf -am test-compile
make -s -C native bench
M2=${M2_REPO:-$HOME/.m2/repository}
JNA=$(ls "$M2"/net/java/dev/jna/jna/5.19.1/jna-5.19.1.jar)
CP="bundles/org.lanner.driver.ebpf/target/classes:bundles/org.lanner.driver.ebpf/target/test-classes:bundles/org.lanner.api/target/classes:$JNA"
exec taskset -c 0 java -Djna.nosys=false -cp "$CP" org.lanner.driver.ebpf.internal.CaptureBench \
    "$ROOT/native/build/storm" "$SECONDS_PER_RUN" 1
