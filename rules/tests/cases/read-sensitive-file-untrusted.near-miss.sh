#!/bin/bash
# The shell reads /etc/shadow (shells are trusted), and cat reads /etc/passwd (not sensitive).
# expect: nothing
# near-miss: Read sensitive file untrusted
. "${0%/*}/lib.bash"

run() {
    read -r first < /etc/shadow
    cat /etc/passwd > /dev/null
}

main "$@"
