#!/bin/bash
# shred overwrites and removes a file.
# expect: Remove Bulk Data from Disk
. "${0%/*}/lib.bash"

setup() {
    head -c 4096 /dev/zero > data.bin
}

run() {
    shred -u data.bin
}

main "$@"
