#!/bin/bash
# insmod runs inside a container (the module file does not exist: nothing is loaded).
# expect: Linux Kernel Module Injection Detected
. "${0%/*}/lib.bash"

setup() { need insmod kmod; container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    insmod ./lanner-corpus-none.ko 2> /dev/null || true
}

main "$@"
