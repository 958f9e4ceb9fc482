#!/bin/bash
# A regular user runs sudoedit -s with an ordinary argument.
# expect: nothing
# near-miss: Sudo Potential Privilege Escalation
. "${0%/*}/lib.bash"

setup() {
    need sudoedit sudo
}

run() {
    as_daemon sudoedit -n -s /tmp/lanner-corpus-none < /dev/null > /dev/null 2>&1 || true
}

main "$@"
