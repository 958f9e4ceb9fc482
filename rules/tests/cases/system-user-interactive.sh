#!/bin/bash
# In an ssh session (a shell under the name sshd), a command runs as the service account www-data.
# expect: System user interactive
. "${0%/*}/lib.bash"

setup() {
    named_copy bash sshd
}

run() {
    ./sshd -c 'setpriv --reuid=www-data --regid=www-data --clear-groups id > /dev/null'
}

main "$@"
