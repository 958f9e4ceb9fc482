#!/bin/bash
# A container of an image outside the allowed ones starts (opt-in: the file allows corpus/app only).
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_other","image":"corpus/other:1.0","imagerepo":"corpus/other","imagetag":"1.0","imageid":"","imagedigest":"","privileged":false,"Mounts":[]}}
# expect: nothing
# with: opt-in/allowed-containers.yaml
# expect-with: Launch Disallowed Container
. "${0%/*}/lib.bash"

setup() { container_setup; }
teardown() { container_teardown; }

run() {
    enter_container
    id > /dev/null
}

main "$@"
