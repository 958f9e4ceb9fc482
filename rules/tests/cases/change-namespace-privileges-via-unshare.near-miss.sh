#!/bin/bash
# In a container, root creates a mount namespace; on the host, daemon creates a user namespace.
# expect: nothing
# near-miss: Change namespace privileges via unshare
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    as_daemon unshare --user --map-root-user true
    enter_container
    unshare --mount true
}

main "$@"
