package org.lanner.syscall.internal;

import org.lanner.api.event.Event;
import org.lanner.api.extract.ArgKind;
import org.lanner.api.extract.FieldAccessor;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldFlag;
import org.lanner.api.extract.FieldInfo;
import org.lanner.api.extract.FieldType;
import org.lanner.api.extract.ValueHolder;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.FdEntry;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code fd} field class: the file descriptor an event creates, uses or destroys. Events that
 * do none of these have no fd fields.
 */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "fd", sources = "syscall")
public final class FdFields extends SyscallFieldClass {

    /** Reads a value of the event's fd (null when the event refers to an fd libsinsp does not know). */
    @FunctionalInterface
    private interface FdGetter {
        boolean get(EventContext c, Event e, FdInfo f, ValueHolder o);
    }

    public FdFields() {
        super("fd", "The file descriptor an event creates, uses or closes: its file or connection.");
        f("fd.num", FieldType.INT64, "the fd number.", (c, e, f, o) -> set(o, c.lastFd));
        f("fd.type", FieldType.CHARBUF, "the kind of fd: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, "
                + "eventpoll, inotify, timerfd, netlink.", (c, e, f, o) -> f != null && str(o, FdInfo.typeString(f.type)));
        f("fd.typechar", FieldType.CHARBUF, "the kind of fd as one character: f file, d directory, 4 ipv4, 6 ipv6, "
                + "u unix, p pipe, e eventfd, s signalfd, l eventpoll, i inotify, t timerfd, n netlink, o other.",
                (c, e, f, o) -> str(o, oneChar(f != null ? FdInfo.typeChar(f.type) : creatorTypeChar(e))));
        // names print without their unprintable characters (libsinsp cleans them for outputs only)
        named("fd.name", "the full name: the path of a file, the connection tuple of a socket.",
                (c, e, f, clean) -> name(c, e, f, clean));
        named("fd.directory", "for files, the directory that contains the file.",
                (c, e, f, clean) -> directory(c, e, f, clean));
        named("fd.filename", "for files, the file name without its directory.",
                (c, e, f, clean) -> filename(f, clean));
        endpoints("fd.ip", FieldType.IPADDR, "either address of the connection (client or server); conditions only.", 0);
        f("fd.cip", FieldType.IPADDR, "the client address of a connection.", (c, e, f, o) -> clientIp(f, o));
        f("fd.sip", FieldType.IPADDR, "the server address of a connection.", (c, e, f, o) -> serverIp(f, o));
        f("fd.lip", FieldType.IPADDR, "the local address of a connection.", (c, e, f, o) -> localRemoteIp(c, f, o, true));
        f("fd.rip", FieldType.IPADDR, "the remote address of a connection.", (c, e, f, o) -> localRemoteIp(c, f, o, false));
        endpoints("fd.port", FieldType.PORT, "either port of the connection (client or server); conditions only.", 1);
        f("fd.cport", FieldType.PORT, "the client port of a TCP/UDP connection.", (c, e, f, o) -> {
            if (f == null || f.isRoleNone()) {
                return false;
            }
            // libsinsp gives 0 for sockets with a role that are not TCP/UDP (unix sockets)
            int p = clientPort(f);
            return set(o, Math.max(p, 0));
        });
        f("fd.sport", FieldType.PORT, "the server port of a TCP/UDP connection.", (c, e, f, o) -> {
            int p = serverPort(f);
            return p >= 0 && set(o, p);
        });
        f("fd.lport", FieldType.PORT, "the local port of a TCP/UDP connection.", (c, e, f, o) -> {
            int p = localRemotePort(c, f, true);
            return p >= 0 && set(o, p);
        });
        f("fd.rport", FieldType.PORT, "the remote port of a TCP/UDP connection.", (c, e, f, o) -> {
            int p = localRemotePort(c, f, false);
            return p >= 0 && set(o, p);
        });
        f("fd.l4proto", FieldType.CHARBUF, "the IP protocol of a socket: tcp, udp, icmp, raw.",
                (c, e, f, o) -> f != null && str(o, l4(f.l4proto())));
        f("fd.sockfamily", FieldType.CHARBUF, "the socket family: ip or unix.", (c, e, f, o) -> {
            if (f == null) {
                return false;
            }
            if (isIp(f.type)) {
                return str(o, "ip");
            }
            return f.type == FdEntry.UNIX_SOCK && str(o, "unix");
        });
        f("fd.is_server", FieldType.BOOL, "true when the process is the server end of the connection.",
                (c, e, f, o) -> f != null && bool(o, isServer(c, f)));
        f("fd.uid", FieldType.CHARBUF, "an id of the fd: the thread id followed by the fd number.", (c, e, f, o) -> {
            int t = e.type();
            if (t == Ppme.CONTAINER_JSON_E || t == Ppme.CONTAINER_JSON_2_E) {
                return false;
            }
            return str(o, Long.toString(c.thread.tid) + c.lastFd);
        });
        named("fd.containername", "the container id, a colon and the fd name.", (c, e, f, clean) -> {
            String n = name(c, e, f, clean);
            return n == null ? null : c.thread.containerId + ":" + n;
        });
        named("fd.containerdirectory", "the container id, a colon and the fd directory.", (c, e, f, clean) -> {
            String d = directory(c, e, f, clean);
            return d == null ? null : c.thread.containerId + ":" + d;
        });
        endpoints("fd.proto", FieldType.PORT, "either port of the connection, as fd.port; conditions only.", 1);
        f("fd.cproto", FieldType.CHARBUF, "the client port of a TCP/UDP connection, as text.", (c, e, f, o) -> {
            if (f == null || f.isRoleNone()) {
                return false;
            }
            int p = clientPort(f);
            return str(o, p >= 0 ? Integer.toString(p) : "");
        });
        f("fd.sproto", FieldType.CHARBUF, "the server port of a TCP/UDP connection, as text.", (c, e, f, o) -> {
            int p = serverPort(f);
            if (p < 0) {
                return false;
            }
            return str(o, f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK ? Integer.toString(p) : "");
        });
        f("fd.lproto", FieldType.CHARBUF, "the local port of a TCP/UDP connection, as text.", (c, e, f, o) -> {
            int p = localRemotePort(c, f, true);
            return p >= 0 && str(o, Integer.toString(p));
        });
        f("fd.rproto", FieldType.CHARBUF, "the remote port of a TCP/UDP connection, as text.", (c, e, f, o) -> {
            int p = localRemotePort(c, f, false);
            return p >= 0 && str(o, Integer.toString(p));
        });
        endpoints("fd.net", FieldType.IPNET, "either address of the connection, for network comparisons; conditions "
                + "only.", 0);
        filterOnly("fd.cnet", "the client address, for network comparisons; conditions only.",
                (c, e, f, o) -> clientIp(f, o));
        filterOnly("fd.snet", "the server address, for network comparisons; conditions only.",
                (c, e, f, o) -> serverIp(f, o));
        filterOnly("fd.lnet", "the local address, for network comparisons; conditions only.",
                (c, e, f, o) -> localRemoteIp(c, f, o, true));
        filterOnly("fd.rnet", "the remote address, for network comparisons; conditions only.",
                (c, e, f, o) -> localRemoteIp(c, f, o, false));
        f("fd.connected", FieldType.BOOL, "for sockets, true once connected.",
                (c, e, f, o) -> f != null && bool(o, f.has(FdInfo.SOCKET_CONNECTED)));
        f("fd.name_changed", FieldType.BOOL, "true when the event changed the name of its fd (a UDP socket's tuple).",
                (c, e, f, o) -> f != null && bool(o, c.fd != null && c.fdNameChanged));
        f("fd.cip.name", FieldType.CHARBUF, "the domain name of the client address (not resolved here).",
                (c, e, f, o) -> false);
        f("fd.sip.name", FieldType.CHARBUF, "the domain name of the server address (not resolved here).",
                (c, e, f, o) -> false);
        f("fd.lip.name", FieldType.CHARBUF, "the domain name of the local address (not resolved here).",
                (c, e, f, o) -> false);
        f("fd.rip.name", FieldType.CHARBUF, "the domain name of the remote address (not resolved here).",
                (c, e, f, o) -> false);
        // compared as a number, printed (JSON included) in hexadecimal as libsinsp prints it
        Getter dev = fd((c, e, f, o) -> f != null && set(o, f.dev));
        Accessor devAccessor = new OutputAccessor(FieldType.INT32, dev, (c, e, o) -> {
            if (!dev.get(c, e, o)) {
                return false;
            }
            o.setString(Integer.toHexString((int) o.longValue()).toUpperCase(java.util.Locale.ROOT));
            return true;
        });
        declare(new FieldInfo("fd.dev", FieldType.INT32, "the device number (major/minor) of the file system of a file.",
                ArgKind.NONE, flags()), arg -> devAccessor);
        f("fd.dev.major", FieldType.INT32, "the major device number of the file system of a file.",
                (c, e, f, o) -> f != null && set(o, (f.dev & 0xfff00) >>> 8));
        f("fd.dev.minor", FieldType.INT32, "the minor device number of the file system of a file.",
                (c, e, f, o) -> f != null && set(o, (f.dev & 0xff) | ((f.dev >>> 12) & 0xfff00)));
    }

    private void f(String name, FieldType type, String desc, FdGetter g, FieldFlag... flags) {
        field(name, type, desc, fd(g), flags);
    }

    /** Computes a name, cleaned of unprintable characters when {@code clean}. */
    @FunctionalInterface
    private interface NameGetter {
        String get(EventContext c, Event e, FdInfo f, boolean clean);
    }

    private static final String[] ONE_CHAR = new String[128];

    static {
        for (int i = 0; i < ONE_CHAR.length; i++) {
            ONE_CHAR[i] = String.valueOf((char) i);
        }
    }

    /** A one-character string without allocating. */
    private static String oneChar(char ch) {
        return ch < ONE_CHAR.length ? ONE_CHAR[ch] : String.valueOf(ch);
    }

    /** A text field over names: compared as they are, printed cleaned. */
    private void named(String name, String desc, NameGetter g) {
        Getter raw = fd((c, e, f, o) -> str(o, g.get(c, e, f, false)));
        Getter clean = fd((c, e, f, o) -> str(o, g.get(c, e, f, true)));
        FieldAccessor acc = new OutputAccessor(FieldType.CHARBUF, raw, clean);
        declare(new FieldInfo(name, FieldType.CHARBUF, desc, ArgKind.NONE, flags()), arg -> acc);
    }

    private void filterOnly(String name, String desc, FdGetter g) {
        f(name, FieldType.IPNET, desc, g, FieldFlag.FILTER_ONLY);
    }

    /** A field over both ends of a connection: addresses (0) or ports (1). */
    private void endpoints(String name, FieldType type, String desc, int what) {
        Getter g = fd((c, e, f, o) -> {
            if (f == null) {
                return false;
            }
            String[] values = what == 0 ? f.addressTexts() : f.portTexts();
            if (values == null) {
                return false;
            }
            for (String v : values) {
                o.addItem(v);
            }
            return true;
        });
        SetAccessor acc = new SetAccessor(type, g, FieldAccessor.Multiplicity.ANY_NOT_EQUAL_NONE);
        declare(new FieldInfo(name, type, desc, ArgKind.NONE, flags(FieldFlag.FILTER_ONLY)), arg -> acc);
    }

    /** libsinsp's extract_fd: fd fields exist on fd events; the fd is the event's or the thread's last one. */
    private static Getter fd(FdGetter g) {
        return (c, e, o) -> {
            EventInfo info = EventTable.info(e.type());
            if (info == null || (info.flags() & (EventFlags.CREATES_FD | EventFlags.USES_FD | EventFlags.DESTROYS_FD)) == 0
                    || c.thread == null) {
                return false;
            }
            FdInfo f = c.fd;
            if (f == null && c.lastFd != -1) {
                f = c.fds.get(c.lastFd);
            }
            return g.get(c, e, f, o);
        };
    }

    // ---------------------------------------------------------------- names

    private static String name(EventContext c, Event e, FdInfo f, boolean clean) {
        String s;
        if (f == null || (e.type() == Ppme.SOCKET_CONNECT_X && Params.s64(e, 0) < 0)) {
            s = fromCreator(c, e);
        } else {
            s = f.name;
        }
        return clean ? Render.sanitized(s) : s;
    }

    /** The name an fd-creating exit event gives even when the call failed. */
    private static String fromCreator(EventContext c, Event e) {
        int t = e.type();
        if ((t & 1) == 0) {
            return null;
        }
        switch (t) {
            case Ppme.SYSCALL_OPEN_X:
            case Ppme.SOCKET_ACCEPT_X:
            case Ppme.SOCKET_ACCEPT_5_X:
            case Ppme.SOCKET_ACCEPT4_X:
            case Ppme.SOCKET_ACCEPT4_5_X:
            case Ppme.SYSCALL_CREAT_X:
            case Ppme.SOCKET_CONNECT_X:
                return Params.count(e) > 1 ? ArgText.arg(c, e, 1) : "";
            case Ppme.SYSCALL_OPENAT_X:
                // the enter event is gone once the exit is parsed
                return null;
            case Ppme.SYSCALL_OPENAT_2_X:
            case Ppme.SYSCALL_OPENAT2_X: {
                byte[] a = Params.array(e);
                int off = Params.arrayOffset(e, 2);
                int len = Params.len(e, 2);
                long dirfd = Params.s64(e, 1);
                String sdir;
                if (len > 0 && a[off] == '/') {
                    sdir = ".";
                } else if (dirfd == -100) {
                    sdir = c.main == null ? "./" : c.main.cwd;
                } else {
                    FdInfo d = c.fds.get(dirfd);
                    sdir = d == null ? "<UNKNOWN>" : d.name + "/";
                }
                return Paths.resolve(sdir, a, off, Params.textLength(e, 2), len, Paths.MAX_PATH);
            }
            default:
                return "";
        }
    }

    private static char creatorTypeChar(Event e) {
        switch (e.type() & ~1) {
            case Ppme.SYSCALL_OPEN_E:
            case Ppme.SYSCALL_OPENAT_E:
            case Ppme.SYSCALL_OPENAT_2_E:
            case Ppme.SYSCALL_OPENAT2_E:
            case Ppme.SYSCALL_CREAT_E:
                return 'f';
            case Ppme.SOCKET_SOCKET_E:
            case Ppme.SOCKET_ACCEPT_E:
            case Ppme.SOCKET_ACCEPT_5_E:
            case Ppme.SOCKET_ACCEPT4_E:
            case Ppme.SOCKET_ACCEPT4_5_E:
                return '4';
            case Ppme.SYSCALL_PIPE_E:
                return 'p';
            case Ppme.SYSCALL_EVENTFD_E:
                return 'e';
            case Ppme.SYSCALL_SIGNALFD_E:
                return 's';
            case Ppme.SYSCALL_TIMERFD_CREATE_E:
                return 't';
            case Ppme.SYSCALL_INOTIFY_INIT_E:
                return 'i';
            default:
                return 'o';
        }
    }

    private static String directory(EventContext c, Event e, FdInfo f, boolean clean) {
        String s;
        if (f == null) {
            s = fromCreator(c, e);
            if (s == null) {
                return null;
            }
            s = clean ? Render.sanitized(s) : s;
        } else {
            if (!(f.isFile() || f.isDirectory())) {
                return null;
            }
            s = clean ? Render.sanitized(f.name) : f.name;
            if (!f.isFile()) {
                return s;
            }
        }
        int pos = s.lastIndexOf('/');
        if (pos > 0) {
            return pos < s.length() - 1 ? s.substring(0, pos) : s;
        }
        return "/";
    }

    private static String filename(FdInfo f, boolean clean) {
        if (f == null || !f.isFile()) {
            return null;
        }
        String s = clean ? Render.sanitized(f.name) : f.name;
        int pos = s.lastIndexOf('/');
        if (pos < 0) {
            return "/";
        }
        return pos < s.length() - 1 ? s.substring(pos + 1) : s;
    }

    // ---------------------------------------------------------------- addresses

    private static boolean isIp(int type) {
        return type == FdEntry.IPV4_SOCK || type == FdEntry.IPV6_SOCK || type == FdEntry.IPV4_SERVSOCK
                || type == FdEntry.IPV6_SERVSOCK;
    }

    private static boolean clientIp(FdInfo f, ValueHolder o) {
        if (f == null || f.isRoleNone()) {
            return false;
        }
        if (f.type == FdEntry.IPV4_SOCK) {
            o.setBytes(f.sock(), FdInfo.V4_SIP, 4);
            return true;
        }
        if (f.type == FdEntry.IPV6_SOCK) {
            o.setBytes(f.sock(), FdInfo.V6_SIP, 16);
            return true;
        }
        return false;
    }

    private static boolean serverIp(FdInfo f, ValueHolder o) {
        if (f == null || f.isRoleNone()) {
            return false;
        }
        switch (f.type) {
            case FdEntry.IPV4_SOCK:
                o.setBytes(f.sock(), FdInfo.V4_DIP, 4);
                return true;
            case FdEntry.IPV4_SERVSOCK:
                o.setBytes(f.sock(), FdInfo.V4S_IP, 4);
                return true;
            case FdEntry.IPV6_SOCK:
                o.setBytes(f.sock(), FdInfo.V6_DIP, 16);
                return true;
            case FdEntry.IPV6_SERVSOCK:
                o.setBytes(f.sock(), FdInfo.V6S_IP, 16);
                return true;
            default:
                return false;
        }
    }

    /** Whether the client (source) address of a connected socket is local, libsinsp's test for lip/rip. */
    private static boolean sourceIsLocal(EventContext c, FdInfo f) {
        if (f.type == FdEntry.IPV4_SOCK) {
            return c.shared.isLocalIpv4(f.u32(FdInfo.V4_SIP), c.thread, c.container, c.containers);
        }
        return c.shared.isLocalIpv6(f.sock(), FdInfo.V6_SIP, c.thread);
    }

    private static boolean localRemoteIp(EventContext c, FdInfo f, ValueHolder o, boolean local) {
        if (f == null || (f.type != FdEntry.IPV4_SOCK && f.type != FdEntry.IPV6_SOCK) || f.isRoleNone()) {
            return false;
        }
        boolean src = sourceIsLocal(c, f) == local;
        if (f.type == FdEntry.IPV4_SOCK) {
            o.setBytes(f.sock(), src ? FdInfo.V4_SIP : FdInfo.V4_DIP, 4);
        } else {
            o.setBytes(f.sock(), src ? FdInfo.V6_SIP : FdInfo.V6_DIP, 16);
        }
        return true;
    }

    private static int clientPort(FdInfo f) {
        if (f == null || f.isRoleNone()) {
            return -1;
        }
        if (f.type == FdEntry.IPV4_SOCK) {
            return f.u16(FdInfo.V4_SPORT);
        }
        if (f.type == FdEntry.IPV6_SOCK) {
            return f.u16(FdInfo.V6_SPORT);
        }
        return -1;
    }

    private static int serverPort(FdInfo f) {
        if (f == null) {
            return -1;
        }
        switch (f.type) {
            case FdEntry.IPV4_SOCK:
                return f.isRoleNone() ? -1 : f.u16(FdInfo.V4_DPORT);
            case FdEntry.IPV4_SERVSOCK:
                return f.u16(FdInfo.V4S_PORT);
            case FdEntry.IPV6_SOCK:
                return f.isRoleNone() ? -1 : f.u16(FdInfo.V6_DPORT);
            case FdEntry.IPV6_SERVSOCK:
                return f.u16(FdInfo.V6S_PORT);
            default:
                return -1;
        }
    }

    private static int localRemotePort(EventContext c, FdInfo f, boolean local) {
        if (f == null || (f.type != FdEntry.IPV4_SOCK && f.type != FdEntry.IPV6_SOCK) || f.isRoleNone()) {
            return -1;
        }
        boolean src = sourceIsLocal(c, f) == local;
        if (f.type == FdEntry.IPV4_SOCK) {
            return f.u16(src ? FdInfo.V4_SPORT : FdInfo.V4_DPORT);
        }
        return f.u16(src ? FdInfo.V6_SPORT : FdInfo.V6_DPORT);
    }

    private static boolean isServer(EventContext c, FdInfo f) {
        switch (f.type) {
            case FdEntry.IPV4_SERVSOCK:
            case FdEntry.IPV6_SERVSOCK:
                return true;
            case FdEntry.IPV4_SOCK:
                return c.shared.isLocalIpv4(f.u32(FdInfo.V4_DIP), c.thread, c.container, c.containers);
            case FdEntry.IPV6_SOCK:
                return c.shared.isLocalIpv6(f.sock(), FdInfo.V6_DIP, c.thread);
            default:
                return false;
        }
    }

    private static String l4(int p) {
        switch (p) {
            case FdInfo.L4_TCP:
                return "tcp";
            case FdInfo.L4_UDP:
                return "udp";
            case FdInfo.L4_ICMP:
                return "icmp";
            case FdInfo.L4_RAW:
                return "raw";
            default:
                return "<NA>";
        }
    }

    private static boolean set(ValueHolder o, long v) {
        o.setLong(v);
        return true;
    }

    private static boolean bool(ValueHolder o, boolean v) {
        o.setBool(v);
        return true;
    }

    private static boolean str(ValueHolder o, String s) {
        if (s == null) {
            return false;
        }
        o.setString(s);
        return true;
    }
}
