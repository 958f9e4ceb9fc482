#!/bin/bash
# A program in /usr/bin is moved aside and removed.
# expect: Modify binary dirs
. "${0%/*}/lib.bash"

setup() {
    cp /bin/true /usr/bin/lanner-corpus-test
}

run() {
    mv /usr/bin/lanner-corpus-test /usr/bin/lanner-corpus-test.old
    rm /usr/bin/lanner-corpus-test.old
}

teardown() {
    rm -f /usr/bin/lanner-corpus-test /usr/bin/lanner-corpus-test.old
}

main "$@"
