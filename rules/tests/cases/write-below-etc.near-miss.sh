#!/bin/bash
# ldconfig rebuilds /etc/ld.so.cache: a known writer of /etc.
# expect: nothing
# near-miss: Write below etc
. "${0%/*}/lib.bash"

run() {
    ldconfig
}

main "$@"
