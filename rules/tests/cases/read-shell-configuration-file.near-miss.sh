#!/bin/bash
# The shell sources the user's .bashrc.
# expect: nothing
# near-miss: Read Shell Configuration File
# with: opt-in/shell-config-reads.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() {
    echo "export EDITOR=vi" > .bashrc
}

run() {
    . ~/.bashrc
}

main "$@"
