#!/bin/bash
# cat reads the user's .bashrc (opt-in rule).
# expect: nothing
# with: opt-in/shell-config-reads.yaml
# expect-with: Read Shell Configuration File
. "${0%/*}/lib.bash"

setup() {
    echo "export EDITOR=vi" > .bashrc
}

run() {
    cat ~/.bashrc > /dev/null
}

main "$@"
