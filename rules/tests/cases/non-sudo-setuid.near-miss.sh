#!/bin/bash
# A program running as root drops to nobody with setuid, and nobody "becomes" nobody.
# expect: nothing
# near-miss: Non sudo setuid
. "${0%/*}/lib.bash"

run() {
    python3 -c 'import os; os.setuid(65534)'
    setpriv --reuid=nobody --regid=nogroup --clear-groups python3 -c 'import os; os.setuid(65534)'
}

main "$@"
