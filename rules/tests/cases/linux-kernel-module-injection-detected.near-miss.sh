#!/bin/bash
# Inside a container, modinfo reads a module's description (none is found); on the host, insmod
# runs (the module file does not exist).
# expect: nothing
# near-miss: Linux Kernel Module Injection Detected
. "${0%/*}/lib.bash"

setup() { need modinfo kmod; container_setup; }
teardown() { container_teardown; }

run() {
    insmod ./lanner-corpus-none.ko 2> /dev/null || true
    enter_container
    modinfo ./lanner-corpus-none.ko 2> /dev/null || true
}

main "$@"
