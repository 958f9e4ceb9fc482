#!/bin/bash
# A container connects to a private address (10.96.0.1, port 8080).
# expect: nothing
# near-miss: Network Connection outside Local Subnet
# with: opt-in/local-subnet.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 8080; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    in_netns curl -s --max-time 2 http://$K8S_API_IP:8080/ > /dev/null || true
}

main "$@"
