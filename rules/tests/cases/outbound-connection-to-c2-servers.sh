#!/bin/bash
# curl connects to an address of the C2 list (filled by the opt-in file).
# expect: nothing
# with: opt-in/c2.yaml
# expect-with: Outbound Connection to C2 Servers
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    curl -s --max-time 2 http://$PEER_IP2/ > /dev/null || true
}

main "$@"
