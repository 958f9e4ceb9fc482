#!/bin/bash
# rsync runs inside a container.
# expect: Launch Remote File Copy Tools in Container
. "${0%/*}/lib.bash"

setup() { need rsync rsync; container_setup; mkdir data && echo x > data/file; }
teardown() { container_teardown; }

run() {
    enter_container
    rsync -a ./data/ ./copy/
}

main "$@"
