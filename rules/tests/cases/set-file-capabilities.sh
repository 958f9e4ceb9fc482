#!/bin/bash
# setcap gives a copy of python the capability to change its user id.
# expect: Set File Capabilities
. "${0%/*}/lib.bash"

setup() {
    cp /usr/bin/python3.11 ./python
}

run() {
    setcap cap_setuid+ep ./python
}

main "$@"
