#!/bin/bash
# A shell tool creates a file below /etc.
# expect: Write below etc
. "${0%/*}/lib.bash"

run() {
    touch /etc/lanner-corpus-test
}

teardown() {
    rm -f /etc/lanner-corpus-test
}

main "$@"
