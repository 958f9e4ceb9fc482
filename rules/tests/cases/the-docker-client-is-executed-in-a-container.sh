#!/bin/bash
# kubectl runs inside a container (a copy of true under that name: no Kubernetes client is installed).
# expect: The docker client is executed in a container
. "${0%/*}/lib.bash"

setup() { container_setup; named_copy true kubectl; }
teardown() { container_teardown; }

run() {
    enter_container
    ./kubectl get pods --all-namespaces
}

main "$@"
