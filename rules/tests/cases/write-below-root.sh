#!/bin/bash
# A file is created directly below /.
# expect: Write below root
. "${0%/*}/lib.bash"

run() {
    touch /lanner-corpus-test
}

teardown() {
    rm -f /lanner-corpus-test
}

main "$@"
