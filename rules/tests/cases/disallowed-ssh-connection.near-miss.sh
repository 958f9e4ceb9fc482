#!/bin/bash
# ssh to the allowed host.
# expect: nothing
# near-miss: Disallowed SSH Connection
# with: opt-in/ssh-hosts.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 22; }
teardown() { netns_teardown; }

run() {
    ssh -o BatchMode=yes -o ConnectTimeout=2 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        root@$PEER_IP2 true > /dev/null 2>&1 || true
}

main "$@"
