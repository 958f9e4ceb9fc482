#!/bin/bash
# A container starts with ordinary data directories of the host mounted.
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_agent","image":"corpus/agent:1.0","imagerepo":"corpus/agent","imagetag":"1.0","imageid":"","imagedigest":"","privileged":false,"Mounts":[{"Source":"/srv/data","Destination":"/data","Mode":"","RW":true,"Propagation":"rprivate"},{"Source":"/var/log/app","Destination":"/var/log/app","Mode":"","RW":true,"Propagation":"rprivate"}]}}
# expect: nothing
# near-miss: Launch Sensitive Mount Container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    id > /dev/null
}

main "$@"
