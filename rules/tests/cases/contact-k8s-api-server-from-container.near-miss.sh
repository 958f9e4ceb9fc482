#!/bin/bash
# The host calls the API server; the container calls another port of that address.
# expect: nothing
# near-miss: Contact K8S API Server From Container
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 443,8080; }
teardown() { netns_teardown; container_teardown; }

run() {
    in_netns curl -s --max-time 2 https://$K8S_API_IP/api > /dev/null || true
    enter_container
    in_netns curl -s --max-time 2 http://$K8S_API_IP:8080/ > /dev/null || true
}

main "$@"
