#!/bin/bash
# A process running as daemon creates a userfaultfd (user-mode faults only, which needs no privilege).
# expect: Unprivileged Delegation of Page Faults Handling to a Userspace Process
. "${0%/*}/lib.bash"

run() {
    as_daemon python3 -c 'import ctypes, os
fd = ctypes.CDLL(None, use_errno=True).syscall(323, 1)  # userfaultfd(UFFD_USER_MODE_ONLY)
assert fd >= 0, os.strerror(ctypes.get_errno())'
}

main "$@"
