#!/bin/bash
# A packet socket (AF_PACKET) is opened inside a container.
# expect: Packet socket created in container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    python3 -c 'import socket; socket.socket(socket.AF_PACKET, socket.SOCK_RAW).close()'
}

main "$@"
