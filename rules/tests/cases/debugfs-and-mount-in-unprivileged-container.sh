#!/bin/bash
# An unprivileged container runs debugfs and a mount of a disk (neither exists).
# container-json: {"container":{"id":"1a2b3c4d5e6f","type":0,"name":"corpus_app","image":"corpus/app:1.0","imagerepo":"corpus/app","imagetag":"1.0","imageid":"","imagedigest":"","privileged":false,"Mounts":[]}}
# expect: nothing
# near-miss: Launch Privileged Container
# near-miss: Debugfs Launched in Privileged Container
# near-miss: Mount Launched in Privileged Container
# near-miss: Launch Disallowed Container
# with: opt-in/allowed-containers.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { container_setup; mkdir mnt; }
teardown() { container_teardown; }

run() {
    enter_container
    debugfs -R stats ./lanner-corpus-none > /dev/null 2>&1 || true
    mount -t ext4 ./lanner-corpus-none ./mnt 2> /dev/null || true
}

main "$@"
