#!/bin/bash
# The privileged container only lists the mounts.
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_privileged","image":"corpus/tools:1.0","imagerepo":"corpus/tools","imagetag":"1.0","imageid":"","imagedigest":"","privileged":true,"Mounts":[]}}
# expect: Launch Privileged Container
# near-miss: Mount Launched in Privileged Container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    mount -l > /dev/null
}

main "$@"
