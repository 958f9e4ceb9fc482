#!/bin/bash
# grep looks for private key blocks, find for ssh key files.
# expect: Search Private Keys or Passwords
. "${0%/*}/lib.bash"

setup() {
    mkdir -p data && echo "nothing here" > data/readme
}

run() {
    grep -rl "BEGIN RSA PRIVATE" ./data || true
    find ./data -name id_rsa
}

main "$@"
