#!/bin/bash
# curl fetches from an allowed destination.
# expect: nothing
# near-miss: Unexpected outbound connection destination
# with: opt-in/outbound.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    curl -s --max-time 2 http://$PEER_IP2/ > /dev/null || true
}

main "$@"
