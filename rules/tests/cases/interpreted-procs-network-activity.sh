#!/bin/bash
# python accepts a connection from outside and connects out (opt-in rules).
# expect: nothing
# with: opt-in/interpreted.yaml
# expect-with: Interpreted procs inbound network activity
# expect-with: Interpreted procs outbound network activity
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80 --connect 8022; }
teardown() { netns_teardown; }

run() {
    python3 -c 'import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8022)); s.listen(1)
c, _ = s.accept(); c.close()
socket.create_connection(("198.51.100.2", 80), timeout=2).close()'
}

main "$@"
