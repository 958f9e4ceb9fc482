#!/bin/bash
# python serves and connects on loopback only; curl connects out.
# expect: nothing
# near-miss: Interpreted procs inbound network activity
# near-miss: Interpreted procs outbound network activity
# with: opt-in/interpreted.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
socket.create_connection(s.getsockname(), timeout=2).close()
c, _ = s.accept(); c.close()'
    curl -s --max-time 2 http://$PEER_IP/ > /dev/null || true
}

main "$@"
