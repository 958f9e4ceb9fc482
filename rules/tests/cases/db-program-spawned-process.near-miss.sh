#!/bin/bash
# The database server starts another copy of itself (a worker), and id runs below an ordinary program.
# expect: nothing
# near-miss: DB program spawned process
. "${0%/*}/lib.bash"

setup() {
    named_copy python3 mysqld
}

run() {
    ./mysqld -c 'import subprocess; subprocess.run(["./mysqld", "-c", "pass"])'
    python3 -c 'import subprocess; subprocess.run(["id"], stdout=subprocess.DEVNULL)'
}

main "$@"
