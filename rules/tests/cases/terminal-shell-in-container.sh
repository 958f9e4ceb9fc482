#!/bin/bash
# A shell with a terminal starts in a container as `docker exec -it` does (its parent is named runc:
# a copy of script(1), which gives it a pseudo-terminal).
# expect: Terminal shell in container
. "${0%/*}/lib.bash"

setup() { container_setup; named_copy script runc; }
teardown() { container_teardown; }

run() {
    enter_container
    ./runc -q -c 'id > /dev/null' /dev/null < /dev/null > /dev/null
}

main "$@"
