#!/bin/bash
# The shell itself appends to the user's .bashrc (shells write their own files), and tee writes an
# ordinary file of the user.
# expect: nothing
# near-miss: Modify Shell Configuration File
. "${0%/*}/lib.bash"

run() {
    echo "alias ll='ls -l'" >> ~/.bashrc
    echo "note" | tee -a ~/notes.txt > /dev/null
}

main "$@"
