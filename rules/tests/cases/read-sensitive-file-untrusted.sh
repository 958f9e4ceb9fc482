#!/bin/bash
# cat reads /etc/shadow.
# expect: Read sensitive file untrusted
. "${0%/*}/lib.bash"

run() {
    cat /etc/shadow > /dev/null
}

main "$@"
