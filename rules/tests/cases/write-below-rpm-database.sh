#!/bin/bash
# A shell tool writes into the rpm database.
# expect: Write below rpm database
. "${0%/*}/lib.bash"

setup() {
    if [ ! -d /var/lib/rpm ]; then mkdir -p /var/lib/rpm && touch /var/lib/rpm/.lanner-corpus-created; fi
}

run() {
    touch /var/lib/rpm/lanner-corpus-test
}

teardown() {
    rm -f /var/lib/rpm/lanner-corpus-test
    if [ -e /var/lib/rpm/.lanner-corpus-created ]; then rm -rf /var/lib/rpm; fi
}

main "$@"
