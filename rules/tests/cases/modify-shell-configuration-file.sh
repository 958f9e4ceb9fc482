#!/bin/bash
# tee appends an alias to the user's .bashrc, and a script is dropped into /etc/profile.d (also a
# write below /etc, which the shell configuration rule reports: it comes first).
# near-miss: Write below etc
# expect: Modify Shell Configuration File
. "${0%/*}/lib.bash"

run() {
    echo "alias sudo='sudo-wrapper'" | tee -a ~/.bashrc > /dev/null
    echo 'export PROMPT_COMMAND=true' | tee /etc/profile.d/lanner-corpus-test.sh > /dev/null
}

teardown() {
    rm -f /etc/profile.d/lanner-corpus-test.sh
}

main "$@"
