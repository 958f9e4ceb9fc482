#!/bin/bash
# A container starts with the host's /etc mounted.
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_agent","image":"corpus/agent:1.0","imagerepo":"corpus/agent","imagetag":"1.0","imageid":"","imagedigest":"","privileged":false,"Mounts":[{"Source":"/etc","Destination":"/host/etc","Mode":"","RW":false,"Propagation":"rprivate"},{"Source":"/srv/data","Destination":"/data","Mode":"","RW":true,"Propagation":"rprivate"}]}}
# expect: Launch Sensitive Mount Container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    id > /dev/null
}

main "$@"
