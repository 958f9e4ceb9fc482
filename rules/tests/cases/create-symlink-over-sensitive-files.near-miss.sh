#!/bin/bash
# A link to /etc/hostname is made in the user's directory.
# expect: nothing
# near-miss: Create Symlink Over Sensitive Files
. "${0%/*}/lib.bash"

run() {
    ln -s /etc/hostname ./hostname
}

main "$@"
