#!/bin/bash
# A regular file is created directly below /dev.
# expect: Create files below dev
. "${0%/*}/lib.bash"

run() {
    touch /dev/lanner-corpus-test
}

teardown() {
    rm -f /dev/lanner-corpus-test
}

main "$@"
