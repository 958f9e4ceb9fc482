#!/bin/bash
# A directory is made below /usr/bin.
# expect: Mkdir binary dirs
. "${0%/*}/lib.bash"

run() {
    mkdir /usr/bin/lanner-corpus-test
}

teardown() {
    rmdir /usr/bin/lanner-corpus-test
}

main "$@"
