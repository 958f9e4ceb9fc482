#!/bin/bash
# A line is appended to a log file below /var/log.
# expect: nothing
# near-miss: Clear Log Activities
. "${0%/*}/lib.bash"

setup() {
    echo "Nov 29 08:00:00 host app[1]: started" > /var/log/lanner-corpus-test.log
}

run() {
    echo "Nov 29 08:00:01 host app[1]: ready" >> /var/log/lanner-corpus-test.log
}

teardown() {
    rm -f /var/log/lanner-corpus-test.log
}

main "$@"
