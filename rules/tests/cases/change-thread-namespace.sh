#!/bin/bash
# From a container, nsenter enters another network namespace (rule disabled as shipped).
# expect: nothing
# with: opt-in/change-thread-namespace.yaml
# expect-with: Change thread namespace
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 80; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    in_netns true
}

main "$@"
