#!/bin/bash
# The same shell starts in the container without a terminal, and with a terminal on the host.
# expect: nothing
# near-miss: Terminal shell in container
. "${0%/*}/lib.bash"

setup() { container_setup; named_copy script runc; }
teardown() { container_teardown; }

run() {
    ./runc -q -c 'id > /dev/null' /dev/null < /dev/null > /dev/null
    enter_container
    sh -c 'id > /dev/null'
}

main "$@"
