#!/bin/bash
# nc scans a port from a container (no program handed over).
# expect: Launch Suspicious Network Tool in Container
# near-miss: Netcat Remote Code Execution in Container
# near-miss: Redirect STDOUT/STDIN to Network Connection in Container
# near-miss: Launch Suspicious Network Tool on Host
# with: opt-in/network-tools-on-host.yaml
# expect-with: Launch Suspicious Network Tool in Container
. "${0%/*}/lib.bash"

setup() { need nc netcat-traditional; container_setup; netns_setup --tcp 80; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    nc -z -w 2 $PEER_IP 80
}

main "$@"
