#!/usr/bin/env bash
# Fuzzes Lanner's @FuzzTest targets with Jazzer (docs/building.md, "Fuzzing"), one after the other,
# each for FUZZ_DURATION (default 45s; Jazzer's syntax: 30s, 10m, 1h). Needs the modules built and
# installed (test.sh runs it after `mvn install`). Arguments are passed to Maven (-o, -Dmaven.repo.local=…).
#
#   FUZZ_DURATION=10m scripts/fuzz.sh                  # a longer run
#   FUZZ_TARGETS=bundles/org.lanner.rules scripts/fuzz.sh   # one target (FUZZ_LOG: its log, target/fuzz.log)
#   scripts/fuzz.sh -Djazzer.keep_going=20             # go on after a finding, up to 20 distinct ones
#
# Every target runs its full time even when another found something. Prints, per target, the
# executions, speed and coverage libFuzzer reports. Fails when a target failed; the input of each
# finding is saved beside the corpus (src/test/resources/<package>/<Class>Inputs/<method>/) so that
# every later build replays it, and is printed here in base64 (a CI workspace is thrown away).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${FUZZ_DURATION:-45s}
targets=${FUZZ_TARGETS:-bundles/org.lanner.scap,bundles/org.lanner.syscall,bundles/org.lanner.rules,bundles/org.lanner.config}
log=${FUZZ_LOG:-target/fuzz.log}
mkdir -p target
inputs() {
    # libFuzzer's names for what it saves: crash-, timeout-, oom-, leak-, slow-unit-<sha1>
    git ls-files --others --exclude-standard -- '*FuzzTestInputs/*' | grep -E '/(crash|timeout|oom|leak|slow-unit)-[^/]*$' | sort || true
}
before=$(inputs)
status=0
mvn -B -ntp -Pfuzz -Dfuzz.duration="$duration" -Dmaven.test.failure.ignore=true -pl "${targets// /,}" test "$@" \
    2>&1 | tee "$log" | grep -v '^INFO: Instrumented ' || status=$?
echo "fuzz: summary (${duration} per target)"
awk '/Running org\.lanner\..*FuzzTest/ { t = $NF }
     /^#[0-9]+[ \t]+DONE/ { print "fuzz: " t ": " $0 }
     /^Done [0-9]+ runs in/ { print "fuzz: " t ": " $0 }
     /== Java Exception:|FuzzTestFindingException|Java Exception:/ { print "fuzz: " t ": FINDING: " $0 }' "$log"
failed=$(grep -l -E '(failures|errors)="[1-9]' bundles/*/target/fuzz-reports/TEST-*.xml 2>/dev/null || true)
found=$(comm -13 <(echo "$before") <(inputs) | grep -v '^$' || true)
for f in $found; do
    echo "fuzz: saved finding $f ($(stat -c %s "$f") bytes), base64:"
    base64 -w 100 "$f"
done
if [ -n "$failed" ] || [ "$status" -ne 0 ]; then
    echo "fuzz: FAIL: ${failed:-maven failed} (reproducers above; see docs/building.md, \"Fuzzing\")"
    exit 1
fi
echo "fuzz: no finding"
