#!/bin/bash
# nsenter enters the network namespace from the host (a known namespace tool there).
# expect: nothing
# near-miss: Change thread namespace
# with: opt-in/change-thread-namespace.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    in_netns true
}

main "$@"
