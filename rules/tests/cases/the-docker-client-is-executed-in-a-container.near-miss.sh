#!/bin/bash
# The same kubectl runs on the host.
# expect: nothing
# near-miss: The docker client is executed in a container
. "${0%/*}/lib.bash"

setup() { container_setup; named_copy true kubectl; }
teardown() { container_teardown; }

run() {
    ./kubectl get pods --all-namespaces
}

main "$@"
