#!/usr/bin/env bash
# Records a release of Lanner's API bundles as the baseline the build compares against.
#
#   scripts/record-baseline.sh <git-ref> <version> [<artifactId>...]
#
# Builds bundles/ as it is at <git-ref> (in a temporary git worktree, so this one is not touched),
# then writes each bundle that exports packages into the Maven repository cnf/baseline/ as
# org.lanner:<artifactId>:<version> (jar, a minimal pom, maven-metadata.xml, .sha1 files).
# bnd-baseline-maven-plugin then compares every later version of the bundle with it.
# With artifactIds, records only those (e.g. a bundle released on its own at its own version).
#
# The recorded jar is the built one with two changes, both irrelevant to baselining: Bundle-Version
# is set to <version> (a ref still at x.y.z-SNAPSHOT builds x.y.z.SNAPSHOT) and the sources that
# `-sources: true` puts under OSGI-OPT/src are left out, to keep the committed jars small.
#
# A recorded version is a release: it is not overwritten unless FORCE=1, which also deletes the
# copy Maven cached under ~/.m2 (or $LANNER_M2): Maven never refreshes a release once it is cached.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,/^set -e/p' "$0" | sed -e '/^set -e/d' -e 's/^# \{0,1\}//' >&2
  exit 2
fi
ref=$1
version=$2
shift 2
only=("$@")
# Exports a package but is never deployed: the test fixtures only other modules' unit tests use.
not_baselined=(org.lanner.test)

root=$(cd "$(dirname "$0")/.." && pwd)
repo="$root/cnf/baseline"
commit=$(git -C "$root" rev-parse --verify "$ref^{commit}")
stamp=$(TZ=UTC git -C "$root" log -1 --date=format-local:%Y%m%d%H%M%S --format=%cd "$commit")
case "$version" in
  *-SNAPSHOT) echo "record-baseline: $version is a snapshot; the baseline plugin ignores snapshots" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/lanner-baseline.XXXXXX")
cleanup() {
  git -C "$root" worktree remove --force "$work/src" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "record-baseline: building bundles/ at ${commit:0:12} ($ref) in $work/src" >&2
git -C "$root" worktree add --quiet --detach "$work/src" "$commit"
# verify, never install: the SNAPSHOT jars in ~/.m2 are shared. Baselining is skipped: the jars of
# the ref are recorded as they are.
(cd "$work/src/bundles" && mvn -B -ntp -q verify -DskipTests -Dbnd.baseline.skip=true)

recorded=0
for jar in "$work"/src/bundles/*/target/*.jar; do
  module=$(basename "$(dirname "$(dirname "$jar")")")
  case "$(basename "$jar")" in
    "$module"-*-tests.jar|"$module"-*-sources.jar|"$module"-*-javadoc.jar) continue ;;
    "$module"-*.jar) ;;
    *) continue ;;
  esac
  if [ ${#only[@]} -gt 0 ]; then
    [[ " ${only[*]} " == *" $module "* ]] || continue
  else
    [[ " ${not_baselined[*]} " == *" $module "* ]] && continue
    unzip -p "$jar" META-INF/MANIFEST.MF >"$work/MANIFEST.MF"
    grep -q '^Export-Package:' "$work/MANIFEST.MF" || continue
  fi
  dir="$repo/org/lanner/$module/$version"
  if [ -e "$dir" ] && [ "${FORCE:-0}" != 1 ]; then
    echo "record-baseline: $module $version is already recorded (FORCE=1 replaces it)" >&2
    exit 1
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  python3 - "$jar" "$dir/$module-$version.jar" "$version" <<'PY'
import re, sys, zipfile
src, dst, version = sys.argv[1:]
# OSGi form of a Maven version: 1.2.3-RC1 -> 1.2.3.RC1
m = re.fullmatch(r'(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[.-](.+))?', version)
if not m:
    sys.exit(f"record-baseline: {version} is not a version")
osgi = '.'.join(g or '0' for g in m.groups()[:3]) + ('.' + re.sub(r'[^A-Za-z0-9_-]', '_', m.group(4)) if m.group(4) else '')
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        if info.filename.startswith('OSGI-OPT/'):
            continue
        data = zin.read(info)
        if info.filename == 'META-INF/MANIFEST.MF':
            data = re.sub(rb'(?m)^Bundle-Version: [^\r\n]*', b'Bundle-Version: ' + osgi.encode(), data)
        zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED if info.compress_type else zipfile.ZIP_STORED)
PY
  cat >"$dir/$module-$version.pom" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- The baseline of $module $version: built from $commit by scripts/record-baseline.sh. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.lanner</groupId>
  <artifactId>$module</artifactId>
  <version>$version</version>
</project>
EOF
  # maven-metadata.xml lists every recorded version, which is how the plugin finds the highest one
  # below the version being built.
  meta="$repo/org/lanner/$module/maven-metadata.xml"
  versions=$(cd "$repo/org/lanner/$module" && for v in */; do
    if [ -f "$v$module-${v%/}.jar" ]; then echo "${v%/}"; fi; done | sort -V)
  latest=$(echo "$versions" | tail -1)
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<metadata>'
    echo '  <groupId>org.lanner</groupId>'
    echo "  <artifactId>$module</artifactId>"
    echo '  <versioning>'
    echo "    <latest>$latest</latest>"
    echo "    <release>$latest</release>"
    echo '    <versions>'
    for v in $versions; do echo "      <version>$v</version>"; done
    echo '    </versions>'
    echo "    <lastUpdated>$stamp</lastUpdated>"
    echo '  </versioning>'
    echo '</metadata>'
  } >"$meta"
  for f in "$dir/$module-$version.jar" "$dir/$module-$version.pom" "$meta"; do
    sha1sum "$f" | cut -d' ' -f1 | tr -d '\n' >"$f.sha1"
  done
  if [ "${FORCE:-0}" = 1 ]; then
    cached="${LANNER_M2:-$HOME/.m2/repository}/org/lanner/$module/$version"
    if [ -d "$cached" ]; then echo "record-baseline: deleting Maven's cached copy $cached" >&2; rm -rf "$cached"; fi
  fi
  echo "record-baseline: $module $version <- $(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Bundle-Version: //p') ($(du -k "$dir/$module-$version.jar" | cut -f1) KB)" >&2
  recorded=$((recorded + 1))
done
if [ "$recorded" -eq 0 ]; then
  echo "record-baseline: no bundle recorded" >&2
  exit 1
fi
echo "record-baseline: $recorded bundles in ${repo#"$root"/}; commit them" >&2
