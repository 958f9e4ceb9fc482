#!/usr/bin/env bash
# The main job: builds Lanner when needed and runs the standalone `lanner` command with its default
# configuration (etc/lanner.yaml) and rules, capturing live from this host. Arguments are passed to
# lanner (e.g. ./run.sh -M 60, or ./run.sh -e capture.scap). Live capture needs root.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
dist="distribution/standalone/target/lanner-$version/lanner-$version"
# the archive's files carry the reproducible build's fixed date: a stamp of our own says when it was built
stamp="distribution/standalone/target/.run-built"
if [ ! -x "$dist/bin/lanner" ] || [ ! -f "$stamp" ] || [ -n "$(find pom.xml bundles native distribution/launcher \
        distribution/standalone rules -newer "$stamp" -type f -not -path '*/target/*' -print -quit 2>/dev/null)" ]; then
  echo "run: building Lanner (mvn install -DskipTests)..." >&2
  mvn -B -ntp -q install -DskipTests -pl distribution/standalone -am
  touch "$stamp"
fi
if [ "$(id -u)" -ne 0 ] && [ " $* " != *" -e "* ]; then
  echo "run: live capture needs root; running through sudo" >&2
  exec sudo "$dist/bin/lanner" "$@"
fi
exec "$dist/bin/lanner" "$@"
