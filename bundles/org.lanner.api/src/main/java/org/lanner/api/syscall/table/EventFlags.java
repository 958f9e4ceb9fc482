package org.lanner.api.syscall.table;

/** Event flags of the event table (libscap's {@code EF_*}). */
public final class EventFlags {

    public static final int CREATES_FD = 1;
    public static final int DESTROYS_FD = 1 << 1;
    public static final int USES_FD = 1 << 2;
    public static final int READS_FROM_FD = 1 << 3;
    public static final int WRITES_TO_FD = 1 << 4;
    public static final int MODIFIES_STATE = 1 << 5;
    public static final int UNUSED = 1 << 6;
    public static final int WAITS = 1 << 7;
    public static final int SKIPPARSERESET = 1 << 8;
    public static final int OLD_VERSION = 1 << 9;
    public static final int DROP_SIMPLE_CONS = 1 << 10;
    /** Parameter lengths are u32 instead of u16. */
    public static final int LARGE_PAYLOAD = 1 << 11;

    private EventFlags() {
    }
}
