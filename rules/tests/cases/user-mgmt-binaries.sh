#!/bin/bash
# A system account is created with useradd (removed again, unrecorded).
# expect: User mgmt binaries
. "${0%/*}/lib.bash"

run() {
    useradd --system --no-create-home --shell /usr/sbin/nologin lanner-corpus
}

teardown() {
    userdel lanner-corpus 2> /dev/null
    return 0
}

main "$@"
