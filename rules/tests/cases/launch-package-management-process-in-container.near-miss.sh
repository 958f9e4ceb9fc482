#!/bin/bash
# dpkg runs on the host; in the container, ls looks at the dpkg database.
# expect: nothing
# near-miss: Launch Package Management Process in Container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    dpkg -l bash > /dev/null
    enter_container
    ls /var/lib/dpkg > /dev/null
}

main "$@"
