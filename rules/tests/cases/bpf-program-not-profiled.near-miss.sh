#!/bin/bash
# bpftool lists the loaded BPF programs (bpf, but no program load).
# expect: nothing
# near-miss: BPF Program Not Profiled
. "${0%/*}/lib.bash"

setup() {
    need bpftool bpftool
}

run() {
    bpftool prog show > /dev/null
}

main "$@"
