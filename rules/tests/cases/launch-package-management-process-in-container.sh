#!/bin/bash
# dpkg runs inside a container.
# expect: Launch Package Management Process in Container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    dpkg -l bash > /dev/null
}

main "$@"
