#!/bin/bash
# In a container, a data file is created and its mode changed, without execute bits.
# expect: nothing
# near-miss: Container Drift Detected (open+create)
# near-miss: Container Drift Detected (chmod)
# with: opt-in/container-drift.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    echo data > ./file
    chmod 0600 ./file
}

main "$@"
