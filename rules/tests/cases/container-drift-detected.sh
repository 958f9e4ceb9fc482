#!/bin/bash
# In a container, a program is copied in executable, and a file is made executable (opt-in rules).
# expect: nothing
# with: opt-in/container-drift.yaml
# expect-with: Container Drift Detected (open+create)
# expect-with: Container Drift Detected (chmod)
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    cp /bin/true ./tool
    touch ./script
    chmod 0755 ./script
}

main "$@"
