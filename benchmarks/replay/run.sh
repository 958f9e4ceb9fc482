#!/usr/bin/env bash
# Replay benchmark: Lanner and Debian's sysdig on the same capture, side by side in one run.
#   benchmarks/replay/run.sh [capture.scap]
#   LANNER_BEFORE=/path/to/other/bin/lanner benchmarks/replay/run.sh [capture.scap]
# With LANNER_BEFORE, every Lanner measurement is taken for that build too, right before this one's
# (a before/after comparison in one run).
# Without an argument, records a capture of a few million events with Lanner's own eBPF driver
# (needs root) while a file-and-process workload runs; without root, writes a synthetic one with
# Lanner's capture writer. Prints a Markdown table: wall time (JVM start included for Lanner),
# events per second over the wall time and, for Lanner, over its run alone (-v), peak resident memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
lanner="$root/distribution/standalone/target/lanner-$version/lanner-$version/bin/lanner"
work="$root/benchmarks/replay/target"
mkdir -p "$work"
[ -x "$lanner" ] || { echo "build first: mvn install -DskipTests" >&2; exit 1; }
command -v sysdig >/dev/null || { echo "sysdig is missing (scripts/setup.sh installs it)" >&2; exit 1; }

capture=${1:-}
if [ -z "$capture" ]; then
  capture="$work/workload.scap"
  if [ ! -s "$capture" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "recording $capture with Lanner's driver..." >&2
      "$lanner" -A -w "$capture" -r /dev/null -M 12 -o syslog_output.enabled=false -o stdout_output.enabled=true \
          >/dev/null 2>"$work/record.log" &
      rec=$!
      sleep 3
      end=$((SECONDS + 8))
      while [ $SECONDS -lt $end ]; do   # files, processes, a little network
        (find /usr/share -maxdepth 3 -type f 2>/dev/null | head -3000 | xargs -r cat >/dev/null 2>&1) || true
        for i in $(seq 1 50); do sh -c 'true' ; done
        ls -laR /etc >/dev/null 2>&1 || true
      done
      wait $rec || true
    else
      echo "not root: writing a synthetic capture with Lanner's writer" >&2
      cp="$root/bundles/org.lanner.api/target/classes:$root/bundles/org.lanner.scap/target/classes:$root/bundles/org.lanner.scap/target/test-classes"
      java -cp "$cp" org.lanner.scap.internal.SyntheticCapture "$capture" 3000000 8
    fi
  fi
fi
events=$(sysdig -D -r "$capture" -p '%evt.num' 2>/dev/null | tail -1)
echo "capture: $capture ($(du -h "$capture" | cut -f1), $events events)" >&2

empty="$work/empty.yaml"; echo "[]" > "$empty"
measure() { # label, command...: wall time and peak memory; for Lanner also its own processing rate (-v)
  local label=$1; shift
  /usr/bin/time -f "%e %M" "$@" >"$work/last.out" 2>"$work/last.err"
  local t; t=$(tail -1 "$work/last.err")
  local secs=${t% *} kb=${t#* }
  local eps; eps=$(sed -n 's/.*Captured Events: [0-9]*, \([0-9.]*\) eps.*/\1/p' "$work/last.out" "$work/last.err" | head -1)
  printf "| %s | %.2f | %.2f | %s | %d |\n" "$label" "$secs" "$(echo "$events / $secs / 1000000" | bc -l)" \
      "$([ -n "$eps" ] && printf "%.2f" "$(echo "$eps / 1000000" | bc -l)" || echo "–")" "$((kb / 1024))"
}
lanner_opts=(-v -e "$capture" -o syslog_output.enabled=false -o stdout_output.enabled=true)
measure_lanner() { # label, extra arguments...: this build, and the LANNER_BEFORE build first when given
  local label=$1; shift
  if [ -n "${LANNER_BEFORE:-}" ]; then
    measure "$label (before)" "$LANNER_BEFORE" "${lanner_opts[@]}" "$@"
  fi
  measure "$label" "$lanner" "${lanner_opts[@]}" "$@"
}

echo "| run | wall s | M events/s (wall) | M events/s (Lanner's run, start excluded) | peak RSS MB |"
echo "|---|---:|---:|---:|---:|"
measure "sysdig, parse only (a filter that matches nothing)" sysdig -r "$capture" "proc.name=no-such-process-name"
measure "sysdig, 3 rules as one filter" sysdig -r "$capture" "$(cat "$here/sysdig_few.filter")"
measure_lanner "lanner, parse only (no rules), 1 lane" -r "$empty" -o evaluation_lanes=1
measure_lanner "lanner, 3 rules, 1 lane" -r "$here/few_rules.yaml" -o evaluation_lanes=1
measure_lanner "lanner, 3 rules, 2 lanes" -r "$here/few_rules.yaml" -o evaluation_lanes=2
if [ -f "$root/rules/lanner_rules.yaml" ]; then
  measure_lanner "lanner, default rules, 1 lane" -r "$root/rules/lanner_rules.yaml" -o evaluation_lanes=1
  measure_lanner "lanner, default rules, 2 lanes" -r "$root/rules/lanner_rules.yaml" -o evaluation_lanes=2
fi
