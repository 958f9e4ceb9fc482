#!/bin/bash
# A log file below /var/log is emptied by the shell.
# expect: Clear Log Activities
. "${0%/*}/lib.bash"

setup() {
    echo "Nov 29 08:00:00 host sshd[1]: Accepted password for root" > /var/log/lanner-corpus-test.log
}

run() {
    : > /var/log/lanner-corpus-test.log
}

teardown() {
    rm -f /var/log/lanner-corpus-test.log
}

main "$@"
