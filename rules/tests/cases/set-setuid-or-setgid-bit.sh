#!/bin/bash
# A copy of a program is made setuid (rule disabled as shipped).
# expect: nothing
# with: opt-in/setuid-bit.yaml
# expect-with: Set Setuid or Setgid bit
. "${0%/*}/lib.bash"

setup() {
    cp /bin/true ./tool
}

run() {
    chmod u+s ./tool
}

main "$@"
