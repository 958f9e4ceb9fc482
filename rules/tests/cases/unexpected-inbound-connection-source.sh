#!/bin/bash
# A server accepts a connection from a source outside the allowed ones (opt-in rule).
# expect: nothing
# with: opt-in/inbound.yaml
# expect-with: Unexpected inbound connection source
. "${0%/*}/lib.bash"

setup() { netns_setup --connect 8022 --source $PEER_IP; }
teardown() { netns_teardown; }

run() {
    python3 -c 'import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8022)); s.listen(1)
c, _ = s.accept(); c.close()'
}

main "$@"
