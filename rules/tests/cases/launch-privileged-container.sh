#!/bin/bash
# A privileged container (its metadata recorded as docker reports it) starts, and runs debugfs and a
# mount of a disk (neither exists: nothing is read or mounted).
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_privileged","image":"corpus/tools:1.0","imagerepo":"corpus/tools","imagetag":"1.0","imageid":"","imagedigest":"","privileged":true,"Mounts":[]}}
# expect: Launch Privileged Container
# expect: Debugfs Launched in Privileged Container
# expect: Mount Launched in Privileged Container
. "${0%/*}/lib.bash"

setup() { container_setup; mkdir mnt; }
teardown() { container_teardown; }

run() {
    enter_container
    debugfs -R stats ./lanner-corpus-none > /dev/null 2>&1 || true
    mount -t ext4 ./lanner-corpus-none ./mnt 2> /dev/null || true
}

main "$@"
