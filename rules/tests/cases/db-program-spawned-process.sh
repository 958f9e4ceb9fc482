#!/bin/bash
# A database server (python under the name mysqld) starts id, as an injected command would.
# expect: DB program spawned process
. "${0%/*}/lib.bash"

setup() {
    named_copy python3 mysqld
}

run() {
    ./mysqld -c 'import subprocess; subprocess.run(["id"], stdout=subprocess.DEVNULL)'
}

main "$@"
