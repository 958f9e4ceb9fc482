package org.lanner.api.syscall.table;

/**
 * Parameter types of the event table (libscap's {@code PT_*}), in id order; see event-table.md §2 for
 * encodings. The last five come from newer libscap tables (events from id 336 on): the
 * {@code ENUMFLAGS*} types are encoded like the {@code FLAGS*} of the same width but hold one value
 * of their table instead of a bit set, {@code FD32} and {@code PID32} are 32-bit signed integers.
 */
public enum ParamType {
    NONE, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, CHARBUF, BYTEBUF, ERRNO, SOCKADDR,
    SOCKTUPLE, FD, PID, FDLIST, FSPATH, SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO, SOCKFAMILY,
    BOOL, IPV4ADDR, DYN, FLAGS8, FLAGS16, FLAGS32, UID, GID, DOUBLE, SIGSET, CHARBUFARRAY,
    CHARBUF_PAIR_ARRAY, IPV4NET, IPV6ADDR, IPV6NET, IPADDR, IPNET, MODE, FSRELPATH, ENUMFLAGS8, ENUMFLAGS16,
    ENUMFLAGS32, FD32, PID32;

    private static final ParamType[] BY_ID = values();

    /** The type with libscap id {@code id}, or null. */
    public static ParamType byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
