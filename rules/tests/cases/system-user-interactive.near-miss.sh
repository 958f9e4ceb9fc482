#!/bin/bash
# In the ssh session the command runs as root; outside it, a command runs as www-data.
# expect: nothing
# near-miss: System user interactive
. "${0%/*}/lib.bash"

setup() {
    named_copy bash sshd
}

run() {
    ./sshd -c 'id > /dev/null'
    setpriv --reuid=www-data --regid=www-data --clear-groups id > /dev/null
}

main "$@"
