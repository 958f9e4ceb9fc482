#!/bin/bash
# From a container, curl asks the instance metadata service for credentials (the opt-in file lets no
# container do that; the address lives in the test namespace, which the client enters).
# expect: nothing
# with: opt-in/ec2-metadata.yaml
# expect-with: Contact EC2 Instance Metadata Service From Container
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 80; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    in_netns curl -s --max-time 2 http://$METADATA_IP/latest/meta-data/iam/security-credentials/ > /dev/null || true
}

main "$@"
