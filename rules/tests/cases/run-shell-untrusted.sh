#!/bin/bash
# A web server (python under the name nginx) runs a shell command, as a web shell does.
# expect: Run shell untrusted
. "${0%/*}/lib.bash"

setup() {
    named_copy python3 nginx
}

run() {
    ./nginx -c 'import os; os.system("id > /dev/null")'
}

main "$@"
