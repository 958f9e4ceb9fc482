#!/bin/bash
# A server accepts a connection from an allowed source.
# expect: nothing
# near-miss: Unexpected inbound connection source
# with: opt-in/inbound.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --connect 8022 --source $PEER_IP2; }
teardown() { netns_teardown; }

run() {
    python3 -c 'import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8022)); s.listen(1)
c, _ = s.accept(); c.close()'
}

main "$@"
