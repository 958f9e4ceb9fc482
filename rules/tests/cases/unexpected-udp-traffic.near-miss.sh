#!/bin/bash
# A UDP socket is connected to port 53 (DNS) of a remote host.
# expect: nothing
# near-miss: Unexpected UDP Traffic
# with: opt-in/udp.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --udp 53; }
teardown() { netns_teardown; }

run() {
    python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect(("198.51.100.2", 53)); s.send(b"x")'
}

main "$@"
