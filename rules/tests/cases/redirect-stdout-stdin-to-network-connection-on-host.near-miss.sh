#!/bin/bash
# curl connects out (no redirection), and a pipe becomes a program's standard input.
# expect: nothing
# near-miss: Redirect STDOUT/STDIN to Network Connection on Host
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 4444; }
teardown() { netns_teardown; }

run() {
    curl -s --max-time 2 http://$PEER_IP:4444/ > /dev/null || true
    echo hello | cat > /dev/null
}

main "$@"
