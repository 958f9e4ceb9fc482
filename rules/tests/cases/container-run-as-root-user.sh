#!/bin/bash
# The first process of a container (pid 1 of a new pid namespace) runs as root (rule disabled as shipped).
# expect: nothing
# with: opt-in/run-as-root.yaml
# expect-with: Container Run as Root User
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    unshare --pid --fork id > /dev/null
}

main "$@"
