#!/bin/bash
# A file is created in /usr/bin by a program that is not a package manager.
# expect: Write below binary dir
. "${0%/*}/lib.bash"

run() {
    cp /bin/true /usr/bin/lanner-corpus-test
}

teardown() {
    rm -f /usr/bin/lanner-corpus-test
}

main "$@"
