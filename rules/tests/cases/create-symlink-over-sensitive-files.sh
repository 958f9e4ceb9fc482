#!/bin/bash
# A link to /etc/shadow is made in the user's directory.
# expect: Create Symlink Over Sensitive Files
. "${0%/*}/lib.bash"

run() {
    ln -s /etc/shadow ./shadow
}

main "$@"
