#!/bin/bash
# grep looks for certificates, find for configuration files.
# expect: nothing
# near-miss: Search Private Keys or Passwords
. "${0%/*}/lib.bash"

setup() {
    mkdir -p data && echo "nothing here" > data/readme
}

run() {
    grep -rl "BEGIN CERTIFICATE" ./data || true
    find ./data -name '*.conf'
}

main "$@"
