#!/bin/bash
# A container of the watched image connects on port 80, which is not authorised for it (opt-in rule).
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_app","image":"corpus/app:1.0","imagerepo":"corpus/app","imagetag":"1.0","imageid":"","imagedigest":"","privileged":false,"Mounts":[]}}
# expect: nothing
# with: opt-in/authorized-server.yaml
# expect-with: Outbound or Inbound Traffic not to Authorized Server Process and Port
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 80; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    curl -s --max-time 2 http://$PEER_IP/ > /dev/null || true
}

main "$@"
