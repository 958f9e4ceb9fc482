#!/bin/bash
# A UDP socket is connected to port 5000 of a remote host (opt-in rule).
# expect: nothing
# with: opt-in/udp.yaml
# expect-with: Unexpected UDP Traffic
. "${0%/*}/lib.bash"

setup() { netns_setup --udp 5000; }
teardown() { netns_teardown; }

run() {
    python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("198.51.100.2", 5000)); s.send(b"x")'
}

main "$@"
