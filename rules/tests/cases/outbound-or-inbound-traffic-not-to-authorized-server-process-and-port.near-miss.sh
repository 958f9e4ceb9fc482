#!/bin/bash
# The container of the watched image connects on its authorised port 8080.
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_app","image":"corpus/app:1.0","imagerepo":"corpus/app","imagetag":"1.0","imageid":"","imagedigest":"","privileged":false,"Mounts":[]}}
# expect: nothing
# near-miss: Outbound or Inbound Traffic not to Authorized Server Process and Port
# with: opt-in/authorized-server.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { container_setup; netns_setup --tcp 8080; }
teardown() { netns_teardown; container_teardown; }

run() {
    enter_container
    curl -s --max-time 2 http://$PEER_IP:8080/ > /dev/null || true
}

main "$@"
