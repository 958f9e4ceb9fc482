#!/bin/bash
# Records corpus cases with Lanner's eBPF driver (as root): rules/tests/record.sh [CASE...]
# Without arguments, records every case under cases/. Each case cases/NAME.sh becomes captures/NAME.scap.
#
# The recorder is a test-scoped main of the rules module (org.lanner.defaultrules.Recorder); this script
# compiles it when needed (mvn -o -pl rules -am test-compile) and runs it with the module's test class path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target="$root/rules/target"

if [ "$(id -u)" != 0 ]; then
    echo "record.sh: live capture needs root" >&2
    exit 1
fi
if [ ! -f "$target/recorder.classpath" ] || [ ! -d "$target/test-classes" ] \
        || [ -n "$(find "$root/rules/src/test/java" -newer "$target/recorder.classpath" -name '*.java' | head -1)" ]; then
    (cd "$root" && mvn -B -q -o -pl rules -am test-compile -Dlanner.failOnChanges=false)
    touch "$target/recorder.classpath"
fi
cp="$target/test-classes:$(cat "$target/recorder.classpath")"

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
    for f in "$here"/cases/*.sh; do cases+=("$(basename "$f" .sh)"); done
fi
status=0
for c in "${cases[@]}"; do
    c=$(basename "$c" .sh)
    if ! java -Djna.nosys=false -cp "$cp" org.lanner.defaultrules.Recorder \
            "$here/captures/$c.scap" "$here/cases/$c.sh" "/tmp/lanner-corpus/$c"; then
        status=1
    fi
done
exit $status
