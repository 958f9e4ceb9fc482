#!/bin/bash
# A new apt source is written by tee.
# expect: Update Package Repository
. "${0%/*}/lib.bash"

run() {
    echo 'deb http://198.51.100.2/debian bookworm main' | tee /etc/apt/sources.list.d/lanner-corpus-test.list > /dev/null
}

teardown() {
    rm -f /etc/apt/sources.list.d/lanner-corpus-test.list
}

main "$@"
