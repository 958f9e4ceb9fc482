#!/bin/bash
# cat reads a user's authorized keys (opt-in rule).
# expect: nothing
# with: opt-in/ssh-reads.yaml
# expect-with: Read ssh information
. "${0%/*}/lib.bash"

setup() {
    mkdir -p /home/lanner-corpus/.ssh
    echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3h0Y2pOZm9PWVdTZ0FhV3ZzTmpBdHBkZ2lKQmZ4NWJ corpus" \
        > /home/lanner-corpus/.ssh/authorized_keys
}

run() {
    cat /home/lanner-corpus/.ssh/authorized_keys > /dev/null
}

teardown() {
    rm -rf /home/lanner-corpus
}

main "$@"
