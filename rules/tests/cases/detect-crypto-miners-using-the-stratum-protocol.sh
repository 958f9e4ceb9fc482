#!/bin/bash
# A miner (a copy of true under the name xmrig) is started with a stratum+tcp pool address.
# expect: Detect crypto miners using the Stratum protocol
. "${0%/*}/lib.bash"

setup() {
    named_copy true xmrig
}

run() {
    ./xmrig -o stratum+tcp://198.51.100.2:3333 -u 44AFFq5kSiGBoZ -p x
}

main "$@"
