#!/bin/bash
# A regular user runs sudoedit -s with an argument ending in a backslash (CVE-2021-3156; the
# installed sudo is fixed and refuses it).
# expect: Sudo Potential Privilege Escalation
. "${0%/*}/lib.bash"

setup() {
    need sudoedit sudo
}

run() {
    as_daemon sudoedit -n -s '\' < /dev/null > /dev/null 2>&1 || true
}

main "$@"
