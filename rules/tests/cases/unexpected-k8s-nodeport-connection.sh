#!/bin/bash
# A container connects to a NodePort service port (the opt-in file lets no container do that).
# expect: nothing
# with: opt-in/nodeport.yaml
# expect-with: Unexpected K8s NodePort Connection
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 30080; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    curl -s --max-time 2 http://$PEER_IP:30080/ > /dev/null || true
}

main "$@"
