#!/bin/bash
# curl runs with a proxy that is not the allowed one.
# expect: nothing
# with: opt-in/http-proxy.yaml
# expect-with: Program run with disallowed http proxy env
. "${0%/*}/lib.bash"

setup() { netns_setup --tcp 3128; }
teardown() { netns_teardown; }

run() {
    HTTP_PROXY=http://$PEER_IP:3128 curl -s --max-time 2 http://example.invalid/ > /dev/null || true
}

main "$@"
