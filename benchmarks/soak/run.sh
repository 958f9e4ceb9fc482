#!/usr/bin/env bash
# Memory soak: live Lanner with the default rules under a steady workload, resident memory sampled.
#   sudo benchmarks/soak/run.sh [minutes]      (default 60; LANNER=path/to/bin/lanner for another copy)
# Prints a CSV of (seconds, RSS MB) to target/soak.csv, Lanner's statistics file (-s, one line a
# minute: events and kernel drops) to target/stats.json, and a summary: RSS after warm-up, at the end,
# maximum; events, event rate and drops; alerts written and the command's exit status. Needs root.
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
rm -f "$work/alerts.txt" "$work/stats.json"

"$lanner" -M $((minutes * 60 + 30)) -o syslog_output.enabled=false -o file_output.enabled=true \
    -o file_output.filename="$work/alerts.txt" -o stdout_output.enabled=false \
    -s "$work/stats.json" --stats-interval 60000 >"$work/lanner.out" 2>"$work/lanner.err" &
pid=$!
sleep 5
# A mixed workload: file reads over many paths, short-lived shells, directory walks, loopback TCP
# (connect/accept/read/write), file creation and removal, and now and then an action the default
# rules alert on (reading a sensitive file), so outputs stay busy too.
workload() {
  local n=0
  while kill -0 $pid 2>/dev/null; do
    n=$((n + 1))
    (find /usr/share/doc -maxdepth 2 -type f 2>/dev/null | head -500 | xargs -r cat >/dev/null 2>&1) || true
    for i in $(seq 1 20); do sh -c 'echo $$ >/dev/null'; done
    ls -laR /etc >/dev/null 2>&1 || true
    python3 -c 'import socket,threading
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(8); p=s.getsockname()[1]
def srv():
    for _ in range(20):
        c,_=s.accept(); c.sendall(c.recv(64)); c.close()
threading.Thread(target=srv).start()
for _ in range(20):
    c=socket.create_connection(("127.0.0.1",p)); c.sendall(b"x"*64); c.recv(64); c.close()' || true
    d=$(mktemp -d); for i in $(seq 1 50); do echo "$i" >"$d/f$i"; done; rm -rf "$d"
    [ $((n % 25)) -eq 0 ] && { cat /etc/shadow >/dev/null 2>&1 || true; }
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
status=0
wait $pid 2>/dev/null || status=$?
kill $wl 2>/dev/null || true
python3 - "$work/soak.csv" <<'PY'
import csv, sys
rows = [(int(r['seconds']), int(r['rss_mb'])) for r in csv.DictReader(open(sys.argv[1])) if r['rss_mb'] != '0']
warm = [m for s, m in rows if s >= 120] or [m for s, m in rows]
print(f"samples: {len(rows)}; RSS after 2 min: {warm[0]} MB; at the end: {rows[-1][1]} MB; max: {max(m for s, m in rows)} MB; "
      f"min after warm-up: {min(warm)} MB")
PY
python3 - "$work/stats.json" "$work/alerts.txt" "$status" <<'PY'
import json, sys
lines = [json.loads(l.rstrip().rstrip(',')) for l in open(sys.argv[1]) if l.strip()]
alerts = sum(1 for _ in open(sys.argv[2]))
if lines:
    last = lines[-1]['cur']
    minutes = len(lines)
    peak = max(l['delta']['events'] for l in lines) / 60
    print(f"events: {last['events']} in {minutes} min ({last['events'] / minutes / 60:.0f}/s on average, "
          f"{peak:.0f}/s in the busiest minute); kernel drops: {last['drops']}; alerts written: {alerts}; "
          f"exit status: {sys.argv[3]}")
PY
tail -12 "$work/lanner.out"
