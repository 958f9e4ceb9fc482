#!/bin/bash
# A child asks to be traced by its parent (PTRACE_TRACEME), which only reads its state and lets it go.
# expect: nothing
# near-miss: PTRACE attached to process
. "${0%/*}/lib.bash"

run() {
    python3 -c 'import ctypes, os, signal
libc = ctypes.CDLL(None, use_errno=True)
pid = os.fork()
if pid == 0:
    libc.ptrace(0, 0, 0, 0)              # PTRACE_TRACEME
    os.kill(os.getpid(), signal.SIGSTOP)
    os._exit(0)
os.waitpid(pid, 0)
libc.ptrace(3, pid, 0, 0)                # PTRACE_PEEKUSER
libc.ptrace(7, pid, 0, 0)                # PTRACE_CONT
os.waitpid(pid, 0)'
}

main "$@"
