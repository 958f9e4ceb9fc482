#!/bin/bash
# nc scans a port on the host (opt-in rule; the container rule does not apply).
# expect: nothing
# near-miss: Launch Suspicious Network Tool in Container
# with: opt-in/network-tools-on-host.yaml
# expect-with: Launch Suspicious Network Tool on Host
. "${0%/*}/lib.bash"

setup() { need nc netcat-traditional; netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    nc -z -w 2 $PEER_IP 80
}

main "$@"
