#!/bin/bash
# curl makes the same connection, and bash connects to a loopback port.
# expect: nothing
# near-miss: System procs network activity
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    curl -s --max-time 2 http://$PEER_IP/ > /dev/null || true
    python3 -c 'import socket, subprocess
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
p = subprocess.Popen(["bash", "-c", "exec 3<> /dev/tcp/127.0.0.1/%d" % s.getsockname()[1]])
c, _ = s.accept(); c.close(); p.wait()'
}

main "$@"
