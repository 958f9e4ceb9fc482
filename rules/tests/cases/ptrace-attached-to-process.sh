#!/bin/bash
# strace attaches to a running process.
# expect: PTRACE attached to process
. "${0%/*}/lib.bash"

setup() {
    need strace strace
}

run() {
    sleep 3 &
    local pid=$!
    timeout -s INT 1 strace -qq -o /dev/null -p $pid || true
    kill $pid
    wait
}

main "$@"
