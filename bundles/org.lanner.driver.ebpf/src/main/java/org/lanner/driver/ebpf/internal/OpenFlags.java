package org.lanner.driver.ebpf.internal;

/**
 * Linux open flags to the portable bits of the capture format, for file descriptors found in
 * {@code /proc} (the probe converts those of events itself, with the same rules).
 */
final class OpenFlags {

    private OpenFlags() {
    }

    static int toPortable(long f) {
        int r;
        switch ((int) (f & 3)) {
            case 1 -> r = 1 << 1;
            case 2 -> r = (1 << 0) | (1 << 1);
            default -> r = 1 << 0;
        }
        if ((f & 0100) != 0) {
            r |= 1 << 2; // O_CREAT
        }
        if ((f & 020200000) != 0) {
            r |= 1 << 13; // O_TMPFILE (also set by O_DIRECTORY, as in the reference driver)
        }
        if ((f & 02000) != 0) {
            r |= 1 << 3; // O_APPEND
        }
        if ((f & 010000) != 0) {
            r |= 1 << 4; // O_DSYNC
        }
        if ((f & 0200) != 0) {
            r |= 1 << 5; // O_EXCL
        }
        if ((f & 04000) != 0) {
            r |= 1 << 6; // O_NONBLOCK
        }
        if ((f & 04010000) != 0) {
            r |= 1 << 7; // O_SYNC
        }
        if ((f & 01000) != 0) {
            r |= 1 << 8; // O_TRUNC
        }
        if ((f & 040000) != 0) {
            r |= 1 << 9; // O_DIRECT
        }
        if ((f & 0200000) != 0) {
            r |= 1 << 10; // O_DIRECTORY
        }
        if ((f & 0100000) != 0) {
            r |= 1 << 11; // O_LARGEFILE
        }
        if ((f & 02000000) != 0) {
            r |= 1 << 12; // O_CLOEXEC
        }
        return r;
    }
}
