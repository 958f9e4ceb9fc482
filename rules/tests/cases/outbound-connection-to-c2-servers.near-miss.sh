#!/bin/bash
# curl connects to an address that is not in the C2 list.
# expect: nothing
# near-miss: Outbound Connection to C2 Servers
# with: opt-in/c2.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    curl -s --max-time 2 http://$PEER_IP/ > /dev/null || true
}

main "$@"
