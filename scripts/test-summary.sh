#!/usr/bin/env bash
# Summarises the test reports of the last build and fails on what Maven itself does not catch:
# an OSGi test module that ran zero tests (a bnd tester that finds nothing still "passes"), and eBPF
# tests that skipped on a machine that can run them (root, kernel with BTF).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

def totals(pattern):
    t = f = e = s = 0
    for path in glob.glob(pattern, recursive=True):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        for su in ([root] if root.tag == 'testsuite' else root.findall('testsuite')):
            t += int(su.get('tests', 0)); f += int(su.get('failures', 0))
            e += int(su.get('errors', 0)); s += int(su.get('skipped', 0))
    return t, f, e, s

status = 0
for kind, pattern in [('unit', '**/target/surefire-reports/TEST-*.xml'),
                      ('osgi', '**/target/test-reports/**/TEST-*.xml'),
                      ('distribution', '**/target/failsafe-reports/TEST-*.xml')]:
    t, f, e, s = totals(pattern)
    print(f"tests: {kind}: {t - f - e - s} passed, {f} failed, {e} errors, {s} skipped")
    if f or e:
        status = 1

for bndrun in sorted(glob.glob('itests/*/itest.bndrun')):
    module = os.path.dirname(bndrun)
    t, f, e, s = totals(f'{module}/target/test-reports/**/TEST-*.xml')
    if t == 0:
        print(f"tests: FAIL: {module} ran no OSGi test")
        status = 1

marker = 'bundles/org.lanner.driver.ebpf/target/ebpf-tests-skipped'
if os.path.exists(marker):
    why = open(marker).read().strip()
    if os.geteuid() == 0 and os.access('/sys/kernel/btf/vmlinux', os.R_OK):
        print(f"tests: FAIL: the eBPF tests skipped although this machine is root with BTF: {why}")
        status = 1
    else:
        print(f"tests: eBPF tests skipped (not root, or no BTF): {why}")
sys.exit(status)
PY
