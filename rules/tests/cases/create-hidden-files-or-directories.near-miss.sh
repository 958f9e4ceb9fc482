#!/bin/bash
# A visible directory and a visible file are created.
# expect: nothing
# near-miss: Create Hidden Files or Directories
# with: opt-in/hidden-files.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

run() {
    mkdir ./cache-x
    touch ./cache-x/payload
}

main "$@"
