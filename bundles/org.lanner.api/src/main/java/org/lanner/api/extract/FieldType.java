package org.lanner.api.extract;

/**
 * Field types, with Falco's names (the {@code PT_*} types of the event table) as shown by
 * {@code --list}. The {@link Comparison} says how values of the type compare in conditions.
 */
public enum FieldType {
    INT8(Comparison.SIGNED), INT16(Comparison.SIGNED), INT32(Comparison.SIGNED), INT64(Comparison.SIGNED),
    UINT8(Comparison.UNSIGNED), UINT16(Comparison.UNSIGNED), UINT32(Comparison.UNSIGNED), UINT64(Comparison.UNSIGNED),
    CHARBUF(Comparison.STRING), BYTEBUF(Comparison.BYTES),
    ERRNO(Comparison.SIGNED), SOCKADDR(Comparison.BYTES), SOCKTUPLE(Comparison.BYTES),
    FD(Comparison.SIGNED), PID(Comparison.SIGNED), FDLIST(Comparison.BYTES), FSPATH(Comparison.STRING),
    SYSCALLID(Comparison.UNSIGNED), SIGTYPE(Comparison.UNSIGNED), RELTIME(Comparison.UNSIGNED),
    ABSTIME(Comparison.UNSIGNED), PORT(Comparison.UNSIGNED), L4PROTO(Comparison.UNSIGNED),
    SOCKFAMILY(Comparison.UNSIGNED), BOOL(Comparison.BOOL), IPV4ADDR(Comparison.IPADDR), DYN(Comparison.BYTES),
    FLAGS8(Comparison.UNSIGNED), FLAGS16(Comparison.UNSIGNED), FLAGS32(Comparison.UNSIGNED),
    UID(Comparison.UNSIGNED), GID(Comparison.UNSIGNED), DOUBLE(Comparison.DOUBLE), SIGSET(Comparison.UNSIGNED),
    IPV4NET(Comparison.IPNET), IPV6ADDR(Comparison.IPADDR), IPV6NET(Comparison.IPNET),
    IPADDR(Comparison.IPADDR), IPNET(Comparison.IPNET), MODE(Comparison.UNSIGNED), FSRELPATH(Comparison.STRING);

    /** How values of a type compare. */
    public enum Comparison {
        /** Integers read as signed 64-bit. */
        SIGNED,
        /** Integers read as unsigned 64-bit. */
        UNSIGNED,
        /** Text. */
        STRING,
        /** Raw bytes, compared as text where an operator needs it. */
        BYTES,
        /** true/false. */
        BOOL,
        /** IEEE double. */
        DOUBLE,
        /** An IPv4 or IPv6 address (4 or 16 bytes). */
        IPADDR,
        /** A network (address/prefix); comparing an address to it tests membership. */
        IPNET
    }

    private final Comparison comparison;

    FieldType(Comparison comparison) {
        this.comparison = comparison;
    }

    public Comparison comparison() {
        return comparison;
    }

    /** True for the integer types. */
    public boolean isInteger() {
        return comparison == Comparison.SIGNED || comparison == Comparison.UNSIGNED;
    }

    /** True for types compared as text. */
    public boolean isText() {
        return comparison == Comparison.STRING || comparison == Comparison.BYTES;
    }
}
