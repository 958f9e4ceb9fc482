#!/bin/bash
# setcap only verifies the capabilities of a file, and getcap reads them.
# expect: nothing
# near-miss: Set File Capabilities
. "${0%/*}/lib.bash"

setup() {
    cp /usr/bin/python3.11 ./python
}

run() {
    setcap -v cap_setuid+ep ./python > /dev/null || true
    getcap ./python
}

main "$@"
