#!/bin/bash
# The same server reads /etc/shadow right after it started.
# expect: Read sensitive file untrusted
# near-miss: Read sensitive file trusted after startup
. "${0%/*}/lib.bash"

setup() {
    named_copy python3 nginx
}

run() {
    ./nginx -c 'open("/etc/shadow").close()'
}

main "$@"
