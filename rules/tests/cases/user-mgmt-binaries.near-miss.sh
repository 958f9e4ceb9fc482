#!/bin/bash
# Commands that only read: passwd -S and chage -l.
# expect: nothing
# near-miss: User mgmt binaries
. "${0%/*}/lib.bash"

run() {
    passwd -S root > /dev/null
    chage -l root > /dev/null
}

main "$@"
