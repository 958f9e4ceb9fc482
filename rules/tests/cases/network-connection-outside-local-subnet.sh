#!/bin/bash
# A container connects to a public address (opt-in rule).
# expect: nothing
# with: opt-in/local-subnet.yaml
# expect-with: Network Connection outside Local Subnet
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 8080; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    curl -s --max-time 2 http://$PEER_IP:8080/ > /dev/null || true
}

main "$@"
