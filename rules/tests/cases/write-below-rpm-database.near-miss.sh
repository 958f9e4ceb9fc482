#!/bin/bash
# The same write done by a program named rpm (a copy of touch under that name: rpm is not installed).
# expect: nothing
# near-miss: Write below rpm database
. "${0%/*}/lib.bash"

setup() {
    if [ ! -d /var/lib/rpm ]; then mkdir -p /var/lib/rpm && touch /var/lib/rpm/.lanner-corpus-created; fi
    named_copy touch rpm
}

run() {
    ./rpm /var/lib/rpm/lanner-corpus-test
}

teardown() {
    rm -f /var/lib/rpm/lanner-corpus-test
    if [ -e /var/lib/rpm/.lanner-corpus-created ]; then rm -rf /var/lib/rpm; fi
}

main "$@"
