#!/bin/bash
# The user's .bash_history is read and appended to (what shells do).
# expect: nothing
# near-miss: Delete or rename shell history
# near-miss: Delete Bash History
# with: opt-in/delete-bash-history.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() {
    echo "ls" > .bash_history
}

run() {
    cat ~/.bash_history > /dev/null
    echo "pwd" >> ~/.bash_history
}

main "$@"
