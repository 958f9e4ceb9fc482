#!/bin/bash
# bash opens a TCP connection with /dev/tcp.
# expect: System procs network activity
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    exec 3<> /dev/tcp/$PEER_IP/80
    exec 3>&-
}

main "$@"
