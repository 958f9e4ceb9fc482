#!/bin/bash
# nc -e in a container: a reverse shell handing a program to the peer (here /bin/true, and the peer
# closes at once). The traditional netcat (called nc, as the netcat-traditional package installs it)
# makes the connection the program's standard streams; ncat relays through pipes instead.
# expect: Netcat Remote Code Execution in Container
# expect: Redirect STDOUT/STDIN to Network Connection in Container
. "${0%/*}/lib.bash"

setup() {
    need nc.traditional netcat-traditional
    ln -s "$(type -P nc.traditional)" nc
    container_setup
    netns_setup --tcp 4444
}
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    ./nc -w 2 -e /bin/true $PEER_IP 4444 || true
}

main "$@"
