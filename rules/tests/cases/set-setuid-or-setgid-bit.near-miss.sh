#!/bin/bash
# A copy of a program is made executable.
# expect: nothing
# near-miss: Set Setuid or Setgid bit
# with: opt-in/setuid-bit.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() {
    cp /bin/true ./tool && chmod 0644 ./tool
}

run() {
    chmod 0755 ./tool
}

main "$@"
