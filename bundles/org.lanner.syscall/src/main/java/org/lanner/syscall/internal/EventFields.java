package org.lanner.syscall.internal;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lanner.api.event.Event;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldBindException;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.table.EventCategory;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.table.IndexKeys;
import org.lanner.api.syscall.table.ParamInfo;
import org.lanner.api.syscall.table.ParamType;
import org.lanner.common.EventTime;
import org.osgi.service.component.annotations.Component;

/** The {@code evt} field class: the event itself (number, time, type, arguments, result). */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "evt", sources = "syscall")
public final class EventFields extends SyscallFieldClass {

    private static final int EC_INTERNAL = 256;
    private static final int EC_IO_BASE = 32;
    private static final int[] CATEGORY_IDS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 32, 33, 34, 64, 128, 256};
    private static final Map<String, BitSet> TYPES_BY_NAME = typesByName();
    private static final Map<String, int[]> SYSCALL_CODES = syscallCodes();
    private static final Set<String> PARAM_NAMES = paramNames();

    public EventFields() {
        super("evt", "Syscall events only: the event's type, direction, arguments, result, latency; the number and time of every event come from the class for all event types.");
        field("evt.latency", FieldType.RELTIME, "for an exit event, the nanoseconds since its enter event.",
                (c, e, o) -> latency(c, e, o, 0));
        field("evt.latency.s", FieldType.RELTIME, "the seconds part of evt.latency.", (c, e, o) -> latency(c, e, o, 1));
        padded("evt.latency.ns", FieldType.RELTIME, "the nanoseconds part of evt.latency.", (c, e, o) -> latency(c, e, o, 2));
        field("evt.latency.human", FieldType.CHARBUF, "evt.latency as a short human text (10.3ms).", (c, e, o) -> {
            if (!c.hasTinfo) {
                return str(o, "");
            }
            if ((category(e) & EC_INTERNAL) != 0) {
                return false;
            }
            return str(o, Times.human(c.latency));
        });
        field("evt.deltatime", FieldType.RELTIME,
                "nanoseconds since the previous event of the stream that rules see (0 for the first).",
                (c, e, o) -> set(o, delta(c, e)));
        field("evt.deltatime.s", FieldType.RELTIME, "the seconds part of evt.deltatime.",
                (c, e, o) -> set(o, delta(c, e) / 1_000_000_000L));
        padded("evt.deltatime.ns", FieldType.RELTIME, "the nanoseconds part of evt.deltatime.",
                (c, e, o) -> set(o, delta(c, e) % 1_000_000_000L));
        declare(new FieldInfo("evt.outputtime", FieldType.CHARBUF, "the event time as outputs print it (evt.time).",
                ArgKind.NONE, flags(FieldFlag.PRINT_ONLY)), arg -> new JsonAccessor(FieldType.CHARBUF,
                        (c, e, o) -> str(o, EventTime.LOCAL.clock(e.timestamp(), true)), (c, e, o) -> set(o, e.timestamp())));
        declare(FieldInfo.of("evt.dir", FieldType.CHARBUF, "the direction: '>' for an enter event, '<' for an exit event."),
                arg -> new TypedAccessor(FieldType.CHARBUF, (c, e, o) -> str(o, (e.type() & 1) == 0 ? ">" : "<")) {
                    @Override
                    public BitSet eventTypes(String operator, List<String> values) {
                        // the direction is the type's parity: rules index on it as on evt.type
                        return directions(operator, values);
                    }
                });
        declare(FieldInfo.of("evt.type", FieldType.CHARBUF, "the event name (open, execve…)."),
                arg -> new TypedAccessor(FieldType.CHARBUF, (c, e, o) -> str(o, typeName(e))) {
                    @Override
                    public BitSet eventTypes(String operator, List<String> values) {
                        return types(operator, values);
                    }
                });
        declare(new FieldInfo("evt.type.is", FieldType.UINT32, "1 when the event has the type given as argument "
                + "(evt.type.is.open), else 0.", ArgKind.REQUIRED, flags(FieldFlag.DOTTED_ARGUMENT)), this::typeIs);
        field("syscall.type", FieldType.CHARBUF, "for system call events, the system call name; "
                + "absent for internal and scheduler events.", (c, e, o) -> {
                    EventInfo info = EventTable.info(e.type());
                    if (info == null || e.type() == Ppme.SCHEDSWITCH_6_E || info.has(EventFlags.SKIPPARSERESET)) {
                        return false;
                    }
                    return str(o, typeName(e));
                });
        field("evt.category", FieldType.CHARBUF, "the event category (file, net, process, memory…).",
                (c, e, o) -> str(o, categoryName(c, e)));
        field("evt.cpu", FieldType.INT16, "the CPU the event happened on.", (c, e, o) -> set(o, e.cpu()));
        field("evt.args", FieldType.CHARBUF, "every argument of the event as name=value text.",
                (c, e, o) -> str(o, ArgText.args(c, e)));
        declare(new FieldInfo("evt.arg", FieldType.CHARBUF, "one argument as text, by name (evt.arg.name) or position "
                + "(evt.arg[0]); fds, flags, errors and paths are shown resolved.", ArgKind.REQUIRED,
                flags(FieldFlag.DOTTED_ARGUMENT)), this::arg);
        declare(new FieldInfo("evt.rawarg", FieldType.DYN, "one argument by name, as its raw value (evt.rawarg.res).",
                ArgKind.REQUIRED, flags(FieldFlag.DOTTED_ARGUMENT)), this::rawarg);
        field("evt.info", FieldType.CHARBUF, "for most events the same as evt.args.", (c, e, o) -> str(o, ArgText.args(c, e)));
        // compared as raw bytes, printed as evt.arg.data prints it (unprintable bytes as dots)
        Accessor buffer = new OutputAccessor(FieldType.BYTEBUF, (c, e, o) -> {
            int i = paramIndex(e, "data");
            if (i < 0) {
                return false;
            }
            o.setBytes(Params.array(e), Params.arrayOffset(e, i), Params.len(e, i));
            return true;
        }, (c, e, o) -> {
            int i = paramIndex(e, "data");
            return i >= 0 && str(o, ArgText.arg(c, e, i));
        });
        declare(new FieldInfo("evt.buffer", FieldType.BYTEBUF, "the data buffer of I/O events (read, write, send, recv…).",
                ArgKind.NONE, flags()), arg -> buffer);
        field("evt.buflen", FieldType.UINT64, "the length of the data of I/O events.", (c, e, o) -> buflen(c, e, o, 0));
        field("evt.res", FieldType.CHARBUF, "the result: SUCCESS, or the error name (ENOENT…).", EventFields::res);
        field("evt.rawres", FieldType.INT64, "the result as a number (-2 for ENOENT).", (c, e, o) -> {
            int i = resultIndex(e);
            return i >= 0 && set(o, Params.s64(e, i));
        });
        field("evt.failed", FieldType.BOOL, "true for events that returned an error.", (c, e, o) -> {
            int i = resultIndex(e);
            return bool(o, i >= 0 && Params.s64(e, i) < 0);
        });
        field("evt.is_io", FieldType.BOOL, "true for events that read or write an fd.",
                (c, e, o) -> bool(o, hasFlag(e, EventFlags.READS_FROM_FD | EventFlags.WRITES_TO_FD)));
        field("evt.is_io_read", FieldType.BOOL, "true for events that read from an fd.",
                (c, e, o) -> bool(o, hasFlag(e, EventFlags.READS_FROM_FD)));
        field("evt.is_io_write", FieldType.BOOL, "true for events that write to an fd.",
                (c, e, o) -> bool(o, hasFlag(e, EventFlags.WRITES_TO_FD)));
        field("evt.io_dir", FieldType.CHARBUF, "'read' or 'write' for I/O events.", (c, e, o) -> {
            if (hasFlag(e, EventFlags.WRITES_TO_FD)) {
                return str(o, "write");
            }
            return hasFlag(e, EventFlags.READS_FROM_FD) && str(o, "read");
        });
        field("evt.is_wait", FieldType.BOOL, "true for events that make the thread wait (sleep, select, poll…).",
                (c, e, o) -> bool(o, hasFlag(e, EventFlags.WAITS)));
        field("evt.wait_latency", FieldType.RELTIME, "for exits of waiting events, the time spent waiting.",
                (c, e, o) -> hasFlag(e, EventFlags.WAITS) && (e.type() & 1) == 1 && set(o, c.hasTinfo ? c.latency : 0));
        field("evt.is_syslog", FieldType.BOOL, "true for writes to /dev/log.", (c, e, o) -> bool(o,
                hasFlag(e, EventFlags.WRITES_TO_FD) && c.fd != null && c.fd.name.contains("/dev/log")));
        field("evt.count", FieldType.UINT32, "always 1 (for counting events).", (c, e, o) -> set(o, 1));
        field("evt.count.error", FieldType.UINT32, "1 for events that failed.", (c, e, o) -> errorCount(e, o));
        field("evt.count.error.file", FieldType.UINT32, "1 for file events that failed.", (c, e, o) -> {
            if (c.fd != null) {
                return (c.fd.isFile() || c.fd.type == FdEntry.DIRECTORY) && errorCount(e, o);
            }
            return isOpenExit(e.type()) && errorCount(e, o);
        });
        field("evt.count.error.net", FieldType.UINT32, "1 for network events that failed.", (c, e, o) -> {
            if (c.fd != null) {
                return isSocket(c.fd.type) && errorCount(e, o);
            }
            return isNetCreator(e.type()) && errorCount(e, o);
        });
        field("evt.count.error.memory", FieldType.UINT32, "1 for memory events that failed.",
                (c, e, o) -> category(e) == 5 && errorCount(e, o));
        field("evt.count.error.other", FieldType.UINT32, "1 for other events that failed.", (c, e, o) -> {
            if (c.fd != null) {
                return !(c.fd.isFile() || c.fd.type == FdEntry.DIRECTORY || isSocket(c.fd.type)) && errorCount(e, o);
            }
            int t = e.type();
            return !(isOpenExit(t) || isNetCreator(t) || category(e) == 5) && errorCount(e, o);
        });
        field("evt.count.exit", FieldType.UINT32, "1 for exit events.", (c, e, o) -> (e.type() & 1) == 1 && set(o, 1));
        field("evt.count.procinfo", FieldType.UINT32, "1 for procinfo events of main threads.",
                (c, e, o) -> e.type() == Ppme.PROCINFO_E && c.thread != null && c.thread.isMainThread() && set(o, 1),
                FieldFlag.HIDDEN);
        field("evt.count.threadinfo", FieldType.UINT32, "1 for procinfo events.",
                (c, e, o) -> e.type() == Ppme.PROCINFO_E && set(o, 1), FieldFlag.HIDDEN);
        declare(new FieldInfo("evt.abspath", FieldType.CHARBUF, "the absolute path of *at system calls, from the "
                + "directory fd and the path (evt.abspath.src, evt.abspath.dst for the two paths of renameat and linkat).",
                ArgKind.OPTIONAL, flags(FieldFlag.DOTTED_ARGUMENT)), this::abspath);
        field("evt.buflen.in", FieldType.UINT64, "evt.buflen of input events.", (c, e, o) -> buflen(c, e, o, 1),
                FieldFlag.HIDDEN);
        field("evt.buflen.out", FieldType.UINT64, "evt.buflen of output events.", (c, e, o) -> buflen(c, e, o, 2),
                FieldFlag.HIDDEN);
        field("evt.buflen.file", FieldType.UINT64, "evt.buflen of file events.", (c, e, o) -> buflen(c, e, o, 3),
                FieldFlag.HIDDEN);
        field("evt.buflen.file.in", FieldType.UINT64, "evt.buflen of file input events.", (c, e, o) -> buflen(c, e, o, 4),
                FieldFlag.HIDDEN);
        field("evt.buflen.file.out", FieldType.UINT64, "evt.buflen of file output events.", (c, e, o) -> buflen(c, e, o, 5),
                FieldFlag.HIDDEN);
        field("evt.buflen.net", FieldType.UINT64, "evt.buflen of network events.", (c, e, o) -> buflen(c, e, o, 6),
                FieldFlag.HIDDEN);
        field("evt.buflen.net.in", FieldType.UINT64, "evt.buflen of network input events.", (c, e, o) -> buflen(c, e, o, 7),
                FieldFlag.HIDDEN);
        field("evt.buflen.net.out", FieldType.UINT64, "evt.buflen of network output events.", (c, e, o) -> buflen(c, e, o, 8),
                FieldFlag.HIDDEN);
        field("evt.is_open_read", FieldType.BOOL, "true for opens for reading.", (c, e, o) -> openMode(e, o, 1));
        field("evt.is_open_write", FieldType.BOOL, "true for opens for writing.", (c, e, o) -> openMode(e, o, 2));
        field("evt.is_open_exec", FieldType.BOOL, "true for opens that create a file with execute permission.",
                (c, e, o) -> openMode(e, o, 3));
    }

    // ---------------------------------------------------------------- helpers

    static boolean set(ValueHolder o, long v) {
        o.setLong(v);
        return true;
    }

    static boolean bool(ValueHolder o, boolean v) {
        o.setBool(v);
        return true;
    }

    static boolean str(ValueHolder o, String s) {
        if (s == null) {
            return false;
        }
        o.setString(s);
        return true;
    }

    private static boolean hasFlag(Event e, int flags) {
        EventInfo info = EventTable.info(e.type());
        return info != null && (info.flags() & flags) != 0;
    }

    /** The event's name; for generic events the system call's. */
    static String typeName(Event e) {
        int t = e.type();
        if (t == Ppme.GENERIC_E || t == Ppme.GENERIC_X) {
            return EventTable.syscallName(Params.u16(e, 0));
        }
        EventInfo info = EventTable.info(t);
        return info == null ? "<unknown>" : info.name();
    }

    /** The category id of the event type (libsinsp's get_info_category). */
    static int category(Event e) {
        EventInfo info = EventTable.info(e.type());
        return info == null ? 0 : CATEGORY_IDS[info.category().ordinal()];
    }

    private static String categoryName(EventContext c, Event e) {
        int t = e.type();
        int cat;
        if (t == Ppme.GENERIC_E || t == Ppme.GENERIC_X) {
            cat = SyscallCategories.of(Params.u16(e, 0));
        } else {
            cat = category(e);
            if ((cat & EC_IO_BASE) != 0 && cat < 64) {
                if (c.fd == null) {
                    return "unknown";
                }
                switch (c.fd.type) {
                    case FdEntry.FILE:
                    case FdEntry.FILE_V2:
                    case FdEntry.DIRECTORY:
                        return "file";
                    case FdEntry.IPV4_SOCK:
                    case FdEntry.IPV6_SOCK:
                    case FdEntry.IPV4_SERVSOCK:
                    case FdEntry.IPV6_SERVSOCK:
                        return "net";
                    case FdEntry.FIFO:
                    case FdEntry.UNIX_SOCK:
                    case FdEntry.EVENT:
                    case FdEntry.SIGNALFD:
                    case FdEntry.INOTIFY:
                        return "ipc";
                    default:
                        return "unknown";
                }
            }
        }
        switch (cat) {
            case 1:
                return "other";
            case 2:
                return "file";
            case 3:
                return "net";
            case 4:
                return "IPC";
            case 5:
                return "memory";
            case 6:
                return "process";
            case 7:
                return "sleep";
            case 8:
                return "system";
            case 9:
                return "signal";
            case 10:
                return "user";
            case 11:
                return "time";
            case 12:
                return "processing";
            case 64:
                return "wait";
            case 128:
                return "scheduler";
            default:
                return "unknown";
        }
    }

    private static boolean latency(EventContext c, Event e, ValueHolder o, int part) {
        if (!c.hasTinfo) {
            return set(o, 0);
        }
        if ((category(e) & EC_INTERNAL) != 0) {
            return false;
        }
        long l = c.latency;
        return set(o, part == 0 ? l : part == 1 ? l / 1_000_000_000L : l % 1_000_000_000L);
    }

    private static long delta(EventContext c, Event e) {
        return c.previousTs == 0 ? 0 : e.timestamp() - c.previousTs;
    }

    /** The index of the named parameter in this event, or -1. */
    static int paramIndex(Event e, String name) {
        EventInfo info = EventTable.info(e.type());
        if (info == null) {
            return -1;
        }
        int n = Params.count(e);
        List<ParamInfo> ps = info.params();
        for (int i = 0; i < n; i++) {
            if (ps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The result parameter: "res", or "fd" for exits of fd-creating events. */
    private static int resultIndex(Event e) {
        int i = paramIndex(e, "res");
        if (i >= 0) {
            return i;
        }
        if ((e.type() & 1) == 1 && hasFlag(e, EventFlags.CREATES_FD)) {
            return paramIndex(e, "fd");
        }
        return -1;
    }

    private static boolean res(EventContext c, Event e, ValueHolder o) {
        int i = resultIndex(e);
        if (i < 0) {
            return false;
        }
        long r = Params.s64(e, i);
        if (r >= 0) {
            return str(o, "SUCCESS");
        }
        String name = Names.errno(r);
        return str(o, name != null ? name : Long.toString(r));
    }

    private static boolean errorCount(Event e, ValueHolder o) {
        int i = paramIndex(e, "res");
        if (i >= 0) {
            return Params.s64(e, i) < 0 && set(o, 1);
        }
        if ((e.type() & 1) == 1 && hasFlag(e, EventFlags.CREATES_FD)) {
            i = paramIndex(e, "fd");
            return i >= 0 && Params.s64(e, i) < 0 && set(o, 1);
        }
        return false;
    }

    private static boolean isOpenExit(int t) {
        return t == Ppme.SYSCALL_OPEN_X || t == Ppme.SYSCALL_CREAT_X || t == Ppme.SYSCALL_OPENAT_X
                || t == Ppme.SYSCALL_OPENAT_2_X || t == Ppme.SYSCALL_OPENAT2_X;
    }

    private static boolean isNetCreator(int t) {
        return t == Ppme.SOCKET_ACCEPT_X || t == Ppme.SOCKET_ACCEPT_5_X || t == Ppme.SOCKET_ACCEPT4_X
                || t == Ppme.SOCKET_ACCEPT4_5_X || t == Ppme.SOCKET_CONNECT_X;
    }

    private static boolean isSocket(int type) {
        return type == FdEntry.IPV4_SOCK || type == FdEntry.IPV6_SOCK || type == FdEntry.IPV4_SERVSOCK
                || type == FdEntry.IPV6_SERVSOCK || type == FdEntry.UNIX_SOCK;
    }

    /**
     * evt.buflen and its per-kind variants: the result of a successful exit of an I/O event.
     *
     * @param kind 0 any, 1 in, 2 out, 3 file, 4 file in, 5 file out, 6 net, 7 net in, 8 net out
     */
    private static boolean buflen(EventContext c, Event e, ValueHolder o, int kind) {
        if (c.fd == null) {
            return false;
        }
        int cat = category(e);
        boolean io = cat >= 32 && cat < 64;
        boolean in = cat == 32;
        boolean out = cat == 33;
        boolean file = c.fd.isFile();
        boolean net = c.fd.type >= FdEntry.IPV4_SOCK && c.fd.type <= FdEntry.IPV6_SERVSOCK;
        boolean ok = switch (kind) {
            case 0 -> io;
            case 1 -> in;
            case 2 -> out;
            case 3 -> io && file;
            case 4 -> in && file;
            case 5 -> out && file;
            case 6 -> io && net;
            case 7 -> in && net;
            default -> out && net;
        };
        if (!ok || (e.type() & 1) == 0) {
            return false;
        }
        long r = Params.s64(e, 0);
        return r >= 0 && set(o, r);
    }

    /** evt.is_open_read (1), evt.is_open_write (2), evt.is_open_exec (3). */
    private static boolean openMode(Event e, ValueHolder o, int which) {
        int t = e.type();
        int exec = 0100 | 010 | 01;
        if (t == Ppme.SYSCALL_OPEN_X || t == Ppme.SYSCALL_OPENAT_E || t == Ppme.SYSCALL_OPENAT_2_X
                || t == Ppme.SYSCALL_OPENAT2_X) {
            boolean newer = t == Ppme.SYSCALL_OPENAT_2_X || t == Ppme.SYSCALL_OPENAT2_X;
            int flags = Params.u32(e, newer ? 3 : 2);
            switch (which) {
                case 1:
                    return bool(o, (flags & 1) != 0);
                case 2:
                    return bool(o, (flags & 2) != 0);
                default:
                    if ((flags & (0x2000 | 0x4)) != 0) {
                        return bool(o, (Params.u32(e, newer ? 4 : 3) & exec) != 0);
                    }
                    return bool(o, false);
            }
        }
        if (which == 3 && t == Ppme.SYSCALL_CREAT_X) {
            return bool(o, (Params.u32(e, 2) & exec) != 0);
        }
        return bool(o, false);
    }

    // ---------------------------------------------------------------- arguments

    private FieldAccessor typeIs(String arg) throws FieldBindException {
        int id1;
        int id2;
        try {
            id1 = Integer.parseInt(arg);
            id2 = -2;
        } catch (NumberFormatException ex) {
            id1 = -2;
            id2 = -2;
            for (EventInfo info : EventTable.all()) {
                if (info.name().equals(arg)) {
                    id1 = info.id();
                    id2 = info.id() + 1;
                    break;
                }
            }
            if (id1 < 0) {
                throw new FieldBindException("unknown event type " + arg);
            }
        }
        int a = id1;
        int b = id2;
        return new Accessor(FieldType.UINT32, (c, e, o) -> set(o, e.type() == a || e.type() == b ? 1 : 0));
    }

    private FieldAccessor arg(String arg) throws FieldBindException {
        if (!arg.isEmpty() && Character.isDigit(arg.charAt(0))) {
            int idx = parseIndex("evt.arg", arg);
            return new Accessor(FieldType.CHARBUF, (c, e, o) -> idx < Params.count(e) && str(o, ArgText.arg(c, e, idx)));
        }
        if (!PARAM_NAMES.contains(arg)) {
            throw new FieldBindException("unknown event argument " + arg);
        }
        int[] byType = indexByType(arg);
        return new Accessor(FieldType.CHARBUF, (c, e, o) -> {
            int i = index(byType, e);
            return i >= 0 && str(o, ArgText.arg(c, e, i));
        });
    }

    private FieldAccessor rawarg(String arg) throws FieldBindException {
        ParamType type = null;
        for (EventInfo info : EventTable.all()) {
            for (ParamInfo p : info.params()) {
                if (p.name().equals(arg)) {
                    type = p.type();
                    break;
                }
            }
            if (type != null) {
                break;
            }
        }
        if (type == null) {
            throw new FieldBindException("unknown event argument " + arg);
        }
        FieldType ft = fieldType(type);
        int[] byType = indexByType(arg);
        ParamType pt = type;
        return new Accessor(ft, (c, e, o) -> {
            int i = index(byType, e);
            return i >= 0 && raw(e, i, pt, ft, o);
        });
    }

    /** A parameter's raw value in a holder, read per the bound type. */
    static boolean raw(Event e, int i, ParamType pt, FieldType ft, ValueHolder o) {
        int len = Params.len(e, i);
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, i);
        if (ft.isInteger() || ft == FieldType.BOOL) {
            long v;
            switch (len) {
                case 0:
                    return false;
                case 1:
                    v = ft.comparison() == FieldType.Comparison.SIGNED ? a[off] : a[off] & 0xff;
                    break;
                case 2:
                    v = ft.comparison() == FieldType.Comparison.SIGNED ? (short) Render.u16(a, off) : Render.u16(a, off);
                    break;
                case 4:
                    int x = NetFormat.ipv4Raw(a, off);
                    v = ft.comparison() == FieldType.Comparison.SIGNED ? x : x & 0xffffffffL;
                    break;
                default:
                    v = len >= 8 ? Render.u64(a, off, off + 8) : 0;
                    break;
            }
            o.setLong(v);
            return true;
        }
        if (pt == ParamType.CHARBUF || pt == ParamType.FSPATH || pt == ParamType.FSRELPATH) {
            int end = 0;
            while (end < len && a[off + end] != 0) {
                end++;
            }
            o.setBytes(a, off, end);
            return true;
        }
        o.setBytes(a, off, len);
        return true;
    }

    static FieldType fieldType(ParamType t) {
        switch (t) {
            // types of newer tables, compared like their older counterparts
            case ENUMFLAGS8:
                return FieldType.FLAGS8;
            case ENUMFLAGS16:
                return FieldType.FLAGS16;
            case ENUMFLAGS32:
                return FieldType.FLAGS32;
            case FD32:
            case PID32:
                return FieldType.INT32;
            default:
                break;
        }
        try {
            return FieldType.valueOf(t.name());
        } catch (IllegalArgumentException e) {
            return FieldType.BYTEBUF;
        }
    }

    /** For each event type, the index of the parameter named {@code name}, or -1. */
    private static int[] indexByType(String name) {
        int[] out = new int[EventTable.EVENT_MAX];
        for (int t = 0; t < out.length; t++) {
            EventInfo info = EventTable.info(t);
            out[t] = info == null ? -1 : info.paramIndex(name);
        }
        return out;
    }

    private static int index(int[] byType, Event e) {
        int t = e.type();
        if (t < 0 || t >= byType.length) {
            return -1;
        }
        int i = byType[t];
        return i >= 0 && i < Params.count(e) ? i : -1;
    }

    private FieldAccessor abspath(String arg) throws FieldBindException {
        int which;
        if (arg == null) {
            which = 0;
        } else if (arg.equals("src")) {
            which = 1;
        } else if (arg.equals("dst")) {
            which = 2;
        } else {
            throw new FieldBindException("evt.abspath takes .src or .dst, not ." + arg);
        }
        return new Accessor(FieldType.CHARBUF, (c, e, o) -> str(o, abspath(c, e, which)));
    }

    private static String abspath(EventContext c, Event e, int which) {
        if (c.thread == null) {
            return null;
        }
        int t = e.type();
        String dirArg = null;
        String pathArg = null;
        if (t == Ppme.SYSCALL_RENAMEAT_X || t == Ppme.SYSCALL_RENAMEAT2_X) {
            dirArg = which == 2 ? "newdirfd" : "olddirfd";
            pathArg = which == 2 ? "newpath" : "oldpath";
        } else if (t == Ppme.SYSCALL_SYMLINKAT_X) {
            dirArg = "linkdirfd";
            pathArg = "linkpath";
        } else if (t == Ppme.SYSCALL_OPENAT_E || t == Ppme.SYSCALL_OPENAT_2_X || t == Ppme.SYSCALL_OPENAT2_X) {
            dirArg = "dirfd";
            pathArg = "name";
        } else if (t == Ppme.SYSCALL_LINKAT_E || t == Ppme.SYSCALL_LINKAT_2_X) {
            dirArg = which == 2 ? "newdir" : "olddir";
            pathArg = which == 2 ? "newpath" : "oldpath";
        } else if (t == Ppme.SYSCALL_UNLINKAT_E || t == Ppme.SYSCALL_UNLINKAT_2_X) {
            dirArg = "dirfd";
            pathArg = "name";
        } else if (t == Ppme.SYSCALL_MKDIRAT_X) {
            dirArg = "dirfd";
            pathArg = "path";
        } else if (t == Ppme.SYSCALL_FCHMODAT_X) {
            dirArg = "dirfd";
            pathArg = "filename";
        }
        if (dirArg == null) {
            return null;
        }
        int di = paramIndex(e, dirArg);
        int pi = paramIndex(e, pathArg);
        if (di < 0 || pi < 0) {
            return null;
        }
        long dirfd = Params.s64(e, di);
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, pi);
        int len = Params.len(e, pi);
        String sdir;
        if (len > 0 && a[off] == '/') {
            sdir = ".";
        } else if (dirfd == -100) {
            sdir = c.main == null ? "./" : c.main.cwd;
        } else {
            FdInfo f = c.fds.get(dirfd);
            sdir = f == null ? "<UNKNOWN>/" : f.name + "/";
        }
        return Paths.resolve(sdir, a, off, Params.textLength(e, pi), len, Paths.MAX_PATH);
    }

    // ---------------------------------------------------------------- evt.type index

    private static BitSet types(String operator, List<String> values) {
        if (!isEquality(operator)) {
            return null;
        }
        BitSet b = new BitSet();
        for (String v : values) {
            BitSet t = TYPES_BY_NAME.get(v);
            if (t != null) {
                b.or(t);
            }
            int[] codes = SYSCALL_CODES.get(v);
            if (codes != null) {
                // generic events of this system call: keyed by the call (IndexKeys)
                for (int code : codes) {
                    b.set(IndexKeys.generic(code, false));
                    b.set(IndexKeys.generic(code, true));
                }
            }
        }
        return b;
    }

    /** Whether a comparison holds exactly when the value is one of the given ones (what the index can use). */
    private static boolean isEquality(String operator) {
        return "=".equals(operator) || "==".equals(operator) || "in".equalsIgnoreCase(operator);
    }

    /** The index keys with the directions of {@code values} ('>' even enter keys, '<' odd exit keys), or null. */
    private static BitSet directions(String operator, List<String> values) {
        if (!isEquality(operator)) {
            return null;
        }
        BitSet b = new BitSet();
        for (int key = 0; key < IndexKeys.MAX; key++) {
            if (key >= EventTable.EVENT_MAX && key < IndexKeys.GENERIC_BASE) {
                continue;
            }
            int parity = key & 1;
            if ((parity == 0 && values.contains(">")) || (parity == 1 && values.contains("<"))) {
                b.set(key);
            }
        }
        return b;
    }

    private static Map<String, BitSet> typesByName() {
        Map<String, BitSet> m = new HashMap<>();
        for (EventInfo info : EventTable.all()) {
            m.computeIfAbsent(info.name(), k -> new BitSet()).set(info.id());
        }
        return m;
    }

    private static Map<String, int[]> syscallCodes() {
        Map<String, int[]> m = new HashMap<>();
        for (int i = 0; i < EventTable.syscallCount(); i++) {
            String name = EventTable.syscallName(i);
            int[] old = m.get(name);
            int[] codes = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
            codes[codes.length - 1] = i;
            m.put(name, codes);
        }
        return m;
    }

    private static Set<String> paramNames() {
        Set<String> s = new HashSet<>();
        for (EventInfo info : EventTable.all()) {
            for (ParamInfo p : info.params()) {
                s.add(p.name());
            }
        }
        return s;
    }

    static EventCategory categoryOf(Event e) {
        EventInfo info = EventTable.info(e.type());
        return info == null ? EventCategory.UNKNOWN : info.category();
    }
}
