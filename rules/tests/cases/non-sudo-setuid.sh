#!/bin/bash
# A program running as the service account daemon tries to become root with setuid.
# expect: Non sudo setuid
. "${0%/*}/lib.bash"

run() {
    as_daemon python3 -c 'import os
try:
    os.setuid(0)
except PermissionError:
    pass'
}

main "$@"
