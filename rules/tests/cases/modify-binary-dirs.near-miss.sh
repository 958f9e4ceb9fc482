#!/bin/bash
# The same moves in a directory of the user, and a directory made below /usr/share.
# expect: nothing
# near-miss: Modify binary dirs
# near-miss: Mkdir binary dirs
. "${0%/*}/lib.bash"

run() {
    cp /bin/true ./tool
    mv ./tool ./tool.old
    rm ./tool.old
    mkdir /usr/share/lanner-corpus-test
}

teardown() {
    rmdir /usr/share/lanner-corpus-test
}

main "$@"
