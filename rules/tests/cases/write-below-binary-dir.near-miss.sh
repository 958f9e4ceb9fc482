#!/bin/bash
# A program in /usr/bin is read (copied elsewhere), and a file is created in /usr/local/share.
# expect: nothing
# near-miss: Write below binary dir
# near-miss: Write below monitored dir
. "${0%/*}/lib.bash"

run() {
    cp /usr/bin/true ./true-copy
    touch /usr/local/share/lanner-corpus-test
}

teardown() {
    rm -f /usr/local/share/lanner-corpus-test
}

main "$@"
