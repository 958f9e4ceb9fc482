#!/bin/bash
# dpkg itself takes its database lock (configuring whatever is pending: nothing).
# expect: nothing
# near-miss: Write below dpkg database
. "${0%/*}/lib.bash"

run() {
    dpkg --configure -a
}

main "$@"
