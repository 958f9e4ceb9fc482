#!/bin/bash
# A process of the container that is not its first one runs as root.
# expect: nothing
# near-miss: Container Run as Root User
# with: opt-in/run-as-root.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    id > /dev/null
}

main "$@"
