#!/bin/bash
# A hidden directory and a hidden file are created (opt-in rule).
# expect: nothing
# with: opt-in/hidden-files.yaml
# expect-with: Create Hidden Files or Directories
. "${0%/*}/lib.bash"

run() {
    mkdir ./.cache-x
    touch ./.cache-x/.payload
}

main "$@"
