#!/bin/bash
# The host asks the instance metadata service (only containers are watched).
# expect: nothing
# near-miss: Contact cloud metadata service from container
# with: opt-in/cloud-metadata.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 80; }
teardown() { netns_teardown; }

run() {
    in_netns curl -s --max-time 2 http://$METADATA_IP/latest/meta-data/ > /dev/null || true
}

main "$@"
