#!/bin/bash
# In a container, a process running as daemon creates a user namespace (and becomes root in it).
# expect: Change namespace privileges via unshare
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    as_daemon unshare --user --map-root-user true
}

main "$@"
