#!/bin/bash
# curl runs with the allowed proxy.
# expect: nothing
# near-miss: Program run with disallowed http proxy env
# with: opt-in/http-proxy.yaml
# expect-with: nothing
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 3128; }
teardown() { netns_teardown; }

run() {
    HTTP_PROXY=http://$PEER_IP2:3128 curl -s --max-time 2 http://example.invalid/ > /dev/null || true
}

main "$@"
