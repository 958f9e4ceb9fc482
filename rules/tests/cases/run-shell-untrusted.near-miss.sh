#!/bin/bash
# The web server runs id directly (no shell), and an ordinary program runs a shell command.
# expect: nothing
# near-miss: Run shell untrusted
. "${0%/*}/lib.bash"

setup() {
    named_copy python3 nginx
}

run() {
    ./nginx -c 'import subprocess; subprocess.run(["id"], stdout=subprocess.DEVNULL)'
    python3 -c 'import os; os.system("id > /dev/null")'
}

main "$@"
