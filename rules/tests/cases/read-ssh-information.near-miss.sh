#!/bin/bash
# ssh-keygen reads the same key file, and cat reads a file of the user outside .ssh.
# expect: nothing
# near-miss: Read ssh information
# near-miss: Write below monitored dir
# with: opt-in/ssh-reads.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() {
    mkdir -p /home/lanner-corpus/.ssh
    echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFVgw8tM7HkJ6bVQeT0mX4yDq5sZc9rN2aLpKjWoE3fR corpus" \
        > /home/lanner-corpus/.ssh/authorized_keys
}

run() {
    ssh-keygen -l -f /home/lanner-corpus/.ssh/authorized_keys > /dev/null
    echo "note" > /home/lanner-corpus/notes.txt
    cat /home/lanner-corpus/notes.txt > /dev/null
}

teardown() {
    rm -rf /home/lanner-corpus
}

main "$@"
