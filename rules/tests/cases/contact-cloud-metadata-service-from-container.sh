#!/bin/bash
# From a container, curl asks the instance metadata service for credentials (opt-in rule).
# expect: nothing
# with: opt-in/cloud-metadata.yaml
# expect-with: Contact cloud metadata service from container
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 80; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    in_netns curl -s --max-time 2 http://$METADATA_IP/computeMetadata/v1/instance/service-accounts/ > /dev/null || true
}

main "$@"
