#!/bin/bash
# A packet socket is opened on the host; in the container, an ordinary UDP socket.
# expect: nothing
# near-miss: Packet socket created in container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    python3 -c 'import socket; socket.socket(socket.AF_PACKET, socket.SOCK_RAW).close()'
    enter_container
    python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()'
}

main "$@"
