#!/bin/bash
# A key is added to a user's ~/.ssh/authorized_keys, and a program dropped into /usr/local/bin.
# expect: Write below monitored dir
. "${0%/*}/lib.bash"

setup() {
    mkdir -p /home/lanner-corpus/.ssh
}

run() {
    echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3h0Y2pOZm9PWVdTZ0FhV3ZzTmpBdHBkZ2lKQmZ4NWJ corpus" \
        | tee -a /home/lanner-corpus/.ssh/authorized_keys > /dev/null
    cp /bin/true /usr/local/bin/lanner-corpus-test
}

teardown() {
    rm -rf /home/lanner-corpus /usr/local/bin/lanner-corpus-test
}

main "$@"
