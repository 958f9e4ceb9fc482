#!/bin/bash
# A program loads a BPF socket filter (two instructions: r0 = 0; exit).
# expect: BPF Program Not Profiled
. "${0%/*}/lib.bash"

run() {
    python3 -c 'import ctypes, os, struct
libc = ctypes.CDLL(None, use_errno=True)
insns = struct.pack("<BBhiBBhi", 0xb7, 0, 0, 0, 0x95, 0, 0, 0)
buf = ctypes.create_string_buffer(insns)
lic = ctypes.create_string_buffer(b"GPL")
attr = struct.pack("<IIQQIIQ", 1, 2, ctypes.addressof(buf), ctypes.addressof(lic), 0, 0, 0)
attr = ctypes.create_string_buffer(attr + bytes(128 - len(attr)))
fd = libc.syscall(321, 5, attr, 128)     # bpf(BPF_PROG_LOAD)
assert fd >= 0, os.strerror(ctypes.get_errno())
os.close(fd)'
}

main "$@"
