#!/bin/bash
# A server (python under the name nginx) reads /etc/shadow 6 seconds after it started (the read is
# also untrusted: the rule that comes first reports it).
# expect: Read sensitive file trusted after startup
. "${0%/*}/lib.bash"

setup() {
    named_copy python3 nginx
}

run() {
    ./nginx -c 'import time; time.sleep(6); open("/etc/shadow").close()'
}

main "$@"
