#!/usr/bin/env bash
# Memory soak: live Lanner with the default rules under a steady workload, resident memory sampled.
#   sudo benchmarks/soak/run.sh [minutes]      (default 60; LANNER=path/to/bin/lanner for another copy)
# Prints a CSV of (seconds, RSS MB, events so far is not known from outside) to target/soak.csv and a
# summary: RSS after warm-up, at the end, maximum. Needs root (live capture).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
minutes=${1:-60}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
# LANNER=/path/to/bin/lanner runs another copy (a build in progress rewrites the one in target/)
lanner=${LANNER:-"$root/distribution/standalone/target/lanner-$version/lanner-$version/bin/lanner"}
work="$here/target"
mkdir -p "$work"
[ "$(id -u)" -eq 0 ] || { echo "soak: live capture needs root" >&2; exit 1; }

"$lanner" -M $((minutes * 60 + 30)) -o syslog_output.enabled=false -o file_output.enabled=true \
    -o file_output.filename="$work/alerts.txt" -o stdout_output.enabled=false >"$work/lanner.out" 2>"$work/lanner.err" &
pid=$!
sleep 5
workload() {
  while kill -0 $pid 2>/dev/null; do
    (find /usr/share/doc -maxdepth 2 -type f 2>/dev/null | head -500 | xargs -r cat >/dev/null 2>&1) || true
    for i in $(seq 1 20); do sh -c 'echo $$ >/dev/null'; done
    ls -laR /etc >/dev/null 2>&1 || true
    sleep 0.2
  done
}
workload &
wl=$!
echo "seconds,rss_mb" > "$work/soak.csv"
start=$SECONDS
while kill -0 $pid 2>/dev/null && [ $((SECONDS - start)) -lt $((minutes * 60)) ]; do
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status 2>/dev/null || echo 0)
  echo "$((SECONDS - start)),$rss" >> "$work/soak.csv"
  sleep 10
done
kill -TERM $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
kill $wl 2>/dev/null || true
python3 - "$work/soak.csv" <<'PY'
import csv, sys
rows = [(int(r['seconds']), int(r['rss_mb'])) for r in csv.DictReader(open(sys.argv[1])) if r['rss_mb'] != '0']
warm = [m for s, m in rows if s >= 120] or [m for s, m in rows]
print(f"samples: {len(rows)}; RSS after 2 min: {warm[0]} MB; at the end: {rows[-1][1]} MB; max: {max(m for s, m in rows)} MB; "
      f"min after warm-up: {min(warm)} MB")
PY
tail -12 "$work/lanner.out"
