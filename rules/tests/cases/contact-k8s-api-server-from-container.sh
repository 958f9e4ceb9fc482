#!/bin/bash
# From a container, curl calls the Kubernetes API server at its service address.
# expect: Contact K8S API Server From Container
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 443; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    in_netns curl -s --max-time 2 https://$K8S_API_IP/api > /dev/null || true
}

main "$@"
