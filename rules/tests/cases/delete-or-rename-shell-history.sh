#!/bin/bash
# The user's .bash_history is renamed away, then removed, and the .zsh_history emptied.
# expect: Delete or rename shell history
# with: opt-in/delete-bash-history.yaml
# expect-with: Delete or rename shell history
# expect-with: Delete Bash History
. "${0%/*}/lib.bash"

setup() {
    echo "ls" > .bash_history
    echo "ls" > .zsh_history
}

run() {
    mv ~/.bash_history ~/.bash_history.old
    rm ~/.bash_history.old
    : > ~/.zsh_history
}

main "$@"
