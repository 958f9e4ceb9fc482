#!/bin/bash
# ssh to a host that is not the allowed one (the opt-in file allows only 198.51.100.3).
# expect: nothing
# with: opt-in/ssh-hosts.yaml
# expect-with: Disallowed SSH Connection
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 22; }
teardown() { netns_teardown; }

run() {
    ssh -o BatchMode=yes -o ConnectTimeout=2 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        root@$PEER_IP true > /dev/null 2>&1 || true
}

main "$@"
