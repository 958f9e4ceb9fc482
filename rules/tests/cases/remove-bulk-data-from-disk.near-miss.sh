#!/bin/bash
# rm removes a file.
# expect: nothing
# near-miss: Remove Bulk Data from Disk
. "${0%/*}/lib.bash"

setup() {
    head -c 4096 /dev/zero > data.bin
}

run() {
    rm data.bin
}

main "$@"
