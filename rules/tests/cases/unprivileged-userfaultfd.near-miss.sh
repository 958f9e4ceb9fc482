#!/bin/bash
# root creates a userfaultfd.
# expect: nothing
# near-miss: Unprivileged Delegation of Page Faults Handling to a Userspace Process
. "${0%/*}/lib.bash"

run() {
    python3 -c 'import ctypes, os
fd = ctypes.CDLL(None, use_errno=True).syscall(323, 1)
assert fd >= 0, os.strerror(ctypes.get_errno())'
}

main "$@"
