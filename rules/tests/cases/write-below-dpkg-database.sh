#!/bin/bash
# A shell tool writes into the dpkg database.
# expect: Write below dpkg database
. "${0%/*}/lib.bash"

run() {
    touch /var/lib/dpkg/lanner-corpus-test
}

teardown() {
    rm -f /var/lib/dpkg/lanner-corpus-test
}

main "$@"
