#!/bin/bash
# A container connects to an ordinary port.
# expect: nothing
# near-miss: Unexpected K8s NodePort Connection
# with: opt-in/nodeport.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 8080; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    curl -s --max-time 2 http://$PEER_IP:8080/ > /dev/null || true
}

main "$@"
