#!/bin/bash
# The apt sources are read, and apt-cache lists the configured policy.
# expect: nothing
# near-miss: Update Package Repository
. "${0%/*}/lib.bash"

run() {
    cat /etc/apt/sources.list.d/* > /dev/null 2>&1 || true
    apt-cache policy > /dev/null
}

main "$@"
