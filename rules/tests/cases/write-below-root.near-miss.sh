#!/bin/bash
# A tool writes its cache below /root/.cache (known state below /root).
# expect: nothing
# near-miss: Write below root
. "${0%/*}/lib.bash"

run() {
    mkdir -p /root/.cache/lanner-corpus
    touch /root/.cache/lanner-corpus/state
}

teardown() {
    rm -rf /root/.cache/lanner-corpus
}

main "$@"
