package org.lanner.syscall.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.lanner.api.event.Event;
import org.lanner.api.extract.BufferFormat;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.table.EventTable;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.table.ParamFormat;
import org.lanner.api.syscall.table.ParamInfo;
import org.lanner.api.syscall.table.ParamType;
import org.lanner.api.syscall.UserEntry;
import org.lanner.common.CFormat;

/**
 * Parameter values as text, the way libsinsp prints them in {@code evt.args} and {@code evt.arg.*}:
 * a raw text (the number, the path as given…) and, when it can, a resolved text (the fd's name,
 * the flags' names, the error name, the absolute path…).
 */
final class ArgText {

    private static final ParamInfo[] SOCKOPT_DYN = {
        new ParamInfo("", ParamType.BYTEBUF, ParamFormat.HEX, "", -1),
        new ParamInfo("", ParamType.ERRNO, ParamFormat.DEC, "", -1),
        new ParamInfo("", ParamType.UINT32, ParamFormat.DEC, "", -1),
        new ParamInfo("", ParamType.UINT64, ParamFormat.DEC, "", -1),
        new ParamInfo("", ParamType.RELTIME, ParamFormat.DEC, "", -1)};
    private static final ParamInfo[] PTRACE_DYN = {
        new ParamInfo("", ParamType.UINT64, ParamFormat.HEX, "", -1),
        new ParamInfo("", ParamType.SIGTYPE, ParamFormat.DEC, "", -1)};
    private static final ParamInfo[] BPF_DYN = {
        new ParamInfo("", ParamType.FD, ParamFormat.DEC, "", -1),
        new ParamInfo("", ParamType.ERRNO, ParamFormat.DEC, "", -1)};

    private ArgText() {
    }

    /** {@code evt.arg}: the resolved text when there is one, else the raw text. */
    static String arg(EventContext ctx, Event e, int i) {
        StringBuilder raw = new StringBuilder();
        StringBuilder resolved = new StringBuilder();
        render(ctx, e, i, raw, resolved);
        return resolved.length() > 0 ? resolved.toString() : raw.toString();
    }

    /** {@code evt.args}: {@code name=raw(resolved) } for every parameter. */
    static String args(EventContext ctx, Event e) {
        int type = e.type();
        if (type == Ppme.GENERIC_E || type == Ppme.GENERIC_X) {
            return "";
        }
        EventInfo info = EventTable.info(type);
        if (info == null) {
            return "";
        }
        int n = Params.count(e);
        StringBuilder sb = new StringBuilder(64);
        StringBuilder raw = new StringBuilder();
        StringBuilder resolved = new StringBuilder();
        for (int i = 0; i < n; i++) {
            raw.setLength(0);
            resolved.setLength(0);
            render(ctx, e, i, raw, resolved);
            sb.append(info.params().get(i).name()).append('=').append(raw);
            if (resolved.length() > 0) {
                sb.append('(').append(resolved).append(')');
            }
            sb.append(' ');
        }
        return sb.toString();
    }

    /** The dynamic table of a PT_DYN parameter. */
    private static ParamInfo[] dynTable(String name) {
        switch (name) {
            case "sockopt_dynamic_param":
                return SOCKOPT_DYN;
            case "ptrace_dynamic_param":
                return PTRACE_DYN;
            case "bpf_dynamic_param":
                return BPF_DYN;
            default:
                return null;
        }
    }

    static void render(EventContext ctx, Event e, int i, StringBuilder raw, StringBuilder resolved) {
        EventInfo info = EventTable.info(e.type());
        if (info == null || i >= Params.count(e)) {
            return;
        }
        ParamInfo p = info.params().get(i);
        ParamFormat fmt = p.format();
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, i);
        int len = Params.len(e, i);
        ParamType type = p.type();
        ParamInfo effective = p;
        if (type == ParamType.DYN) {
            ParamInfo[] dyn = dynTable(p.table());
            if (dyn != null && len != 0) {
                int idx = a[off] & 0xff;
                if (idx < dyn.length) {
                    effective = dyn[idx];
                    type = effective.type();
                    off++;
                    len--;
                }
            }
        }
        switch (type) {
            case INT8:
                number(raw, fmt, len >= 1 ? a[off] : 0, false);
                break;
            case INT16:
                number(raw, fmt, len >= 2 ? (short) Render.u16(a, off) : 0, false);
                break;
            case INT32:
                number(raw, fmt, len >= 4 ? NetFormat.ipv4Raw(a, off) : 0, false);
                break;
            case UINT8:
                number(raw, fmt, len >= 1 ? a[off] & 0xff : 0, false);
                break;
            case UINT16:
                number(raw, fmt, len >= 2 ? Render.u16(a, off) : 0, false);
                break;
            case UINT32:
                number(raw, fmt, len >= 4 ? NetFormat.ipv4Raw(a, off) : 0, false);
                break;
            case INT64:
            case UINT64:
                number(raw, fmt, len >= 8 ? Render.u64(a, off, off + 8) : 0, true);
                break;
            case FD:
                fd(ctx, len >= 8 ? Render.u64(a, off, off + 8) : 0, raw, resolved);
                break;
            case FD32:
                fd(ctx, len >= 4 ? NetFormat.ipv4Raw(a, off) : 0, raw, resolved);
                break;
            case PID:
            case PID32: {
                long pid = type == ParamType.PID32 ? (len >= 4 ? NetFormat.ipv4Raw(a, off) : 0)
                        : (len >= 8 ? Render.u64(a, off, off + 8) : 0);
                raw.append(pid);
                ThreadInfo t = ctx.threadAt(pid);
                if (t != null) {
                    resolved.append(t.comm);
                }
                break;
            }
            case ERRNO: {
                long v = len >= 8 ? Render.u64(a, off, off + 8) : 0;
                raw.append(v);
                if (v < 0) {
                    String name = Names.errno(v);
                    if (name != null) {
                        resolved.append(name);
                    }
                }
                break;
            }
            case CHARBUF: {
                int end = 0;
                while (end < len && a[off + end] != 0) {
                    end++;
                }
                raw.append(new String(a, off, end, StandardCharsets.UTF_8));
                break;
            }
            case FSPATH:
            case FSRELPATH:
                path(ctx, e, info, p, a, off, len, raw, resolved);
                break;
            case BYTEBUF:
                buffer(ctx, a, off, len, raw);
                break;
            case SOCKADDR:
                raw.append(Render.sockaddr(a, off, len));
                break;
            case SOCKTUPLE:
                raw.append(Render.socktuple(a, off, len));
                break;
            case FDLIST:
                fdlist(ctx, a, off, len, raw);
                break;
            case SYSCALLID: {
                int id = len >= 2 ? Render.u16(a, off) : 0;
                if (id >= EventTable.syscallCount()) {
                    raw.append("<unknown syscall>");
                } else {
                    raw.append(id);
                    resolved.append(EventTable.syscallName(id));
                }
                break;
            }
            case SIGTYPE: {
                int sig = len >= 1 ? a[off] & 0xff : 0;
                raw.append(sig);
                String name = Names.signal(sig);
                if (name != null) {
                    resolved.append(name);
                }
                break;
            }
            case RELTIME: {
                long v = len >= 8 ? Render.u64(a, off, off + 8) : 0;
                if (v == -1) {
                    raw.append("none");
                } else {
                    raw.append(Long.toUnsignedString(v));
                    resolved.append(CFormat.g(unsignedToDouble(v) / 1e9)).append('s');
                }
                break;
            }
            case FLAGS8:
            case FLAGS16:
            case FLAGS32: {
                long v = flagValue(type, a, off, len);
                raw.append(v);
                FlagTable t = FlagTables.get(p.table());
                if (t != null) {
                    resolved.append(t.names(v));
                }
                break;
            }
            case ENUMFLAGS8:
            case ENUMFLAGS16:
            case ENUMFLAGS32: {
                long v = flagValue(type, a, off, len);
                raw.append(v);
                FlagTable t = FlagTables.get(p.table());
                if (t != null) {
                    resolved.append(t.exactNames(v));
                }
                break;
            }
            case MODE: {
                int v = len >= 4 ? NetFormat.ipv4Raw(a, off) : 0;
                number(raw, fmt, v, false);
                FlagTable t = FlagTables.get(p.table());
                if (t != null) {
                    resolved.append(t.names(v & 0xffffffffL));
                }
                break;
            }
            case ABSTIME:
            case DYN:
                raw.append("INVALID DYNAMIC PARAMETER");
                break;
            case UID:
            case GID: {
                int v = len >= 4 ? NetFormat.ipv4Raw(a, off) : 0;
                if (v != -1) {
                    raw.append(v);
                    String name = null;
                    if (type == ParamType.UID) {
                        UserEntry u = ctx.shared.user(v);
                        name = u == null ? null : u.name();
                    } else {
                        GroupEntry g = ctx.shared.group(v);
                        name = g == null ? null : g.name();
                    }
                    resolved.append(name == null ? "<NA>" : sanitize(name));
                } else {
                    raw.append("-1");
                    resolved.append("<NONE>");
                }
                break;
            }
            case SIGSET: {
                int v = len >= 4 ? NetFormat.ipv4Raw(a, off) : 0;
                boolean first = true;
                for (int sig = 0; sig < 32; sig++) {
                    if ((v & (1 << sig)) != 0) {
                        String name = Names.signal(sig + 1);
                        if (name != null) {
                            if (!first) {
                                raw.append(' ');
                            }
                            raw.append(name);
                            first = false;
                        }
                    }
                }
                break;
            }
            case CHARBUFARRAY:
            case CHARBUF_PAIR_ARRAY:
                break;
            default:
                raw.append("(n.a.)");
                break;
        }
    }

    /**
     * libsinsp's {@code binary_buffer_to_string} for the formats a run may choose: base64 (Falco's
     * {@code -b}), or printable bytes as they are and the others as dots.
     */
    private static void buffer(EventContext ctx, byte[] a, int off, int len, StringBuilder raw) {
        if (ctx.shared != null && ctx.shared.bufferFormat == BufferFormat.BASE64) {
            raw.append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(a, off, off + len)));
            return;
        }
        for (int k = 0; k < len; k++) {
            byte b = a[off + k];
            raw.append(Paths.printable(b) ? (char) b : '.');
        }
    }

    private static long flagValue(ParamType type, byte[] a, int off, int len) {
        switch (type) {
            case FLAGS8:
            case ENUMFLAGS8:
                return len >= 1 ? a[off] & 0xff : 0;
            case FLAGS16:
            case ENUMFLAGS16:
                return len >= 2 ? Render.u16(a, off) : 0;
            default:
                return len >= 4 ? NetFormat.ipv4Raw(a, off) & 0xffffffffL : 0;
        }
    }

    static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static String sanitize(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Render.sanitized(b, 0, b.length);
    }

    /** A number in the parameter's print format, as libsinsp's printf formats do. */
    private static void number(StringBuilder sb, ParamFormat fmt, long v, boolean wide) {
        switch (fmt) {
            case HEX:
                sb.append((wide ? Long.toHexString(v) : Integer.toHexString((int) v)).toUpperCase());
                break;
            case OCT:
                if (v == 0) {
                    sb.append('0');
                } else {
                    sb.append('0').append(wide ? Long.toOctalString(v) : Integer.toOctalString((int) v));
                }
                break;
            default:
                sb.append(wide ? v : (long) (int) v);
                break;
        }
    }

    /** libsinsp's render_fd. */
    static void fd(EventContext ctx, long fd, StringBuilder raw, StringBuilder resolved) {
        raw.append(fd);
        if (ctx.thread == null) {
            return;
        }
        if (fd >= 0) {
            FdInfo f = ctx.fds.get(fd);
            if (f != null) {
                resolved.append('<').append(FdInfo.typeChar(f.type));
                char l4 = l4Char(f);
                if (l4 != 0) {
                    resolved.append(l4);
                }
                resolved.append('>');
                byte[] n = f.nameBytes();
                resolved.append(Render.sanitized(n, 0, n.length));
            }
        } else if (fd == -100) {
            resolved.append("AT_FDCWD");
        } else {
            String name = Names.errno(fd);
            if (name != null) {
                resolved.append(name);
            }
        }
    }

    private static char l4Char(FdInfo f) {
        switch (f.type) {
            case org.lanner.api.syscall.FdEntry.IPV4_SOCK:
            case org.lanner.api.syscall.FdEntry.IPV6_SOCK:
            case org.lanner.api.syscall.FdEntry.IPV4_SERVSOCK:
            case org.lanner.api.syscall.FdEntry.IPV6_SERVSOCK:
                switch (f.l4proto()) {
                    case FdInfo.L4_TCP:
                        return 't';
                    case FdInfo.L4_UDP:
                        return 'u';
                    case FdInfo.L4_ICMP:
                        return 'i';
                    case FdInfo.L4_RAW:
                        return 'r';
                    default:
                        return 0;
                }
            default:
                return 0;
        }
    }

    private static void path(EventContext ctx, Event e, EventInfo info, ParamInfo p, byte[] a, int off, int len,
            StringBuilder raw, StringBuilder resolved) {
        raw.append(Render.sanitizedText(a, off, len));
        if (ctx.thread == null || len == 0 || (len >= 4 && a[off] == '<' && a[off + 1] == 'N' && a[off + 2] == 'A'
                && a[off + 3] == '>')) {
            return;
        }
        int textLen = 0;
        while (textLen < len && a[off + textLen] != 0) {
            textLen++;
        }
        if (textLen > 0 && a[off] == '/') {
            // an absolute path: libsinsp leaves the resolved text empty
            return;
        }
        String base = baseDir(ctx, e, info, p);
        resolved.append(Paths.resolve(base, a, off, textLen, len, 0));
    }

    /** libsinsp's get_base_dir: the cwd, or the directory fd's path for relative-to-fd paths. */
    private static String baseDir(EventContext ctx, Event e, EventInfo info, ParamInfo p) {
        String cwd = ctx.main == null ? "./" : ctx.main.cwd;
        if (p.type() != ParamType.FSRELPATH) {
            return cwd;
        }
        int dirIdx = p.dirfd();
        if (dirIdx < 0 || dirIdx >= info.params().size() || info.params().get(dirIdx).type() != ParamType.FD) {
            return cwd;
        }
        long dirfd = Params.s64(e, dirIdx);
        if (dirfd == -100) {
            return cwd;
        }
        FdInfo f = ctx.fds.get(dirfd);
        if (f == null || f.name.isEmpty()) {
            // libsinsp would read /proc/<pid>/fd here; replaying a capture that finds nothing
            return "";
        }
        byte[] n = f.nameBytes();
        return Render.sanitized(n, 0, n.length) + "/";
    }

    private static void fdlist(EventContext ctx, byte[] a, int off, int len, StringBuilder raw) {
        if (ctx.thread == null || len < 2) {
            return;
        }
        int nfds = Render.u16(a, off);
        int pos = 2;
        for (int j = 0; j < nfds && pos + 10 <= len; j++) {
            long fd = Render.u64(a, off + pos, off + pos + 8);
            FdInfo f = ctx.fds.get(fd);
            char tch = f == null ? '?' : FdInfo.typeChar(f.type);
            int flags = (short) Render.u16(a, off + pos + 8);
            raw.append(Long.toUnsignedString(fd)).append(':').append(tch).append(Integer.toHexString(flags));
            if (j < nfds - 1) {
                raw.append(' ');
            }
            pos += 10;
        }
    }
}
