#!/bin/bash
# curl fetches from a destination outside the allowed ones (opt-in rule).
# expect: nothing
# with: opt-in/outbound.yaml
# expect-with: Unexpected outbound connection destination
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    curl -s --max-time 2 http://$PEER_IP/ > /dev/null || true
}

main "$@"
