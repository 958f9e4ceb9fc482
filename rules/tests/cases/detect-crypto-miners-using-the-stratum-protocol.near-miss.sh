#!/bin/bash
# The same program is started with a plain tcp:// address.
# expect: nothing
# near-miss: Detect crypto miners using the Stratum protocol
. "${0%/*}/lib.bash"

setup() {
    named_copy true xmrig
}

run() {
    ./xmrig -o tcp://198.51.100.2:3333 -u 44AFFq5kSiGBoZ -p x
}

main "$@"
