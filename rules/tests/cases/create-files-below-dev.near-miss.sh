#!/bin/bash
# A file is created in /dev/shm (shared memory), not directly below /dev.
# expect: nothing
# near-miss: Create files below dev
. "${0%/*}/lib.bash"

run() {
    touch /dev/shm/lanner-corpus-test
}

teardown() {
    rm -f /dev/shm/lanner-corpus-test
}

main "$@"
