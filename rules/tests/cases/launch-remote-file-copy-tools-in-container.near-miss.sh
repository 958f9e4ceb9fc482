#!/bin/bash
# rsync runs on the host; in the container, cp copies the files.
# expect: nothing
# near-miss: Launch Remote File Copy Tools in Container
. "${0%/*}/lib.bash"

setup() { need rsync rsync; container_setup; mkdir data && echo x > data/file; }
teardown() { container_teardown; }

run() {
    rsync -a ./data/ ./copy/
    enter_container
    cp -a ./data ./copy2
}

main "$@"
