package org.lanner.syscall.internal;

import org.lanner.api.event.Event;
import org.lanner.api.extract.FieldClass;
import org.lanner.api.extract.FieldExtractor;
import org.lanner.api.extract.FieldType;
import org.lanner.api.syscall.FdEntry;
import org.osgi.service.component.annotations.Component;

/** The {@code fdlist} field class: the fds of poll events, as comma-separated lists. */
@Component(service = FieldExtractor.class)
@FieldClass(fields_class = "fdlist", sources = "syscall")
public final class FdListFields extends SyscallFieldClass {

    public FdListFields() {
        super("fdlist", "The fds of poll and ppoll events.");
        field("fdlist.nums", FieldType.CHARBUF, "the fd numbers, comma-separated.", (c, e, o) -> list(c, e, o, 0));
        field("fdlist.names", FieldType.CHARBUF, "the fd names, comma-separated.", (c, e, o) -> list(c, e, o, 1));
        field("fdlist.cips", FieldType.CHARBUF, "the client addresses of the sockets, comma-separated.",
                (c, e, o) -> list(c, e, o, 2));
        field("fdlist.sips", FieldType.CHARBUF, "the server addresses of the sockets, comma-separated.",
                (c, e, o) -> list(c, e, o, 3));
        field("fdlist.cports", FieldType.CHARBUF, "the client ports of the TCP/UDP sockets, comma-separated.",
                (c, e, o) -> list(c, e, o, 4));
        field("fdlist.sports", FieldType.CHARBUF, "the server ports of the TCP/UDP sockets, comma-separated.",
                (c, e, o) -> list(c, e, o, 5));
    }

    private static boolean list(EventContext c, Event e, org.lanner.api.extract.ValueHolder o, int what) {
        int t = e.type();
        int param;
        if (t == Ppme.SYSCALL_POLL_E || t == Ppme.SYSCALL_PPOLL_E) {
            param = 0;
        } else if (t == Ppme.SYSCALL_POLL_X || t == Ppme.SYSCALL_PPOLL_X) {
            param = 1;
        } else {
            return false;
        }
        if (c.thread == null) {
            return false;
        }
        int len = Params.len(e, param);
        if (len < 2) {
            return false;
        }
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, param);
        int nfds = Render.u16(a, off);
        StringBuilder sb = new StringBuilder();
        int pos = 2;
        for (int j = 0; j < nfds && pos + 10 <= len; j++, pos += 10) {
            long fd = Render.u64(a, off + pos, off + pos + 8);
            FdInfo f = c.fds.get(fd);
            boolean added = true;
            switch (what) {
                case 0:
                    sb.append(fd);
                    break;
                case 1:
                    sb.append(f != null && !f.name.isEmpty() ? f.name : "<NA>");
                    break;
                case 2:
                    if (f != null && f.type == FdEntry.IPV4_SOCK) {
                        NetFormat.ipv4(f.u32(FdInfo.V4_SIP), sb);
                    } else if (f != null && f.type == FdEntry.IPV6_SOCK) {
                        NetFormat.ipv6(f.sock(), FdInfo.V6_SIP, sb);
                    } else {
                        added = false;
                    }
                    break;
                case 3:
                    if (f != null && f.type == FdEntry.IPV4_SOCK) {
                        NetFormat.ipv4(f.u32(FdInfo.V4_DIP), sb);
                    } else if (f != null && f.type == FdEntry.IPV6_SOCK) {
                        NetFormat.ipv6(f.sock(), FdInfo.V6_DIP, sb);
                    } else if (f != null && f.type == FdEntry.IPV4_SERVSOCK) {
                        NetFormat.ipv4(f.u32(FdInfo.V4S_IP), sb);
                    } else if (f != null && f.type == FdEntry.IPV6_SERVSOCK) {
                        // libsinsp prints the first four bytes of an IPv6 listening address as IPv4
                        NetFormat.ipv4(f.u32(FdInfo.V6S_IP), sb);
                    } else {
                        added = false;
                    }
                    break;
                case 4:
                    if (f != null && f.type == FdEntry.IPV4_SOCK) {
                        sb.append(f.u16(FdInfo.V4_SPORT));
                    } else if (f != null && f.type == FdEntry.IPV6_SOCK) {
                        sb.append(f.u16(FdInfo.V6_SPORT));
                    } else {
                        added = false;
                    }
                    break;
                default:
                    if (f != null && f.type == FdEntry.IPV4_SOCK) {
                        sb.append(f.u16(FdInfo.V4_DPORT));
                    } else if (f != null && f.type == FdEntry.IPV6_SOCK) {
                        sb.append(f.u16(FdInfo.V6_DPORT));
                    } else {
                        added = false;
                    }
                    break;
            }
            if (added) {
                sb.append(',');
            }
        }
        if (sb.length() == 0) {
            return false;
        }
        if (sb.charAt(sb.length() - 1) == ',') {
            sb.setLength(sb.length() - 1);
        }
        o.setString(sb.toString());
        return true;
    }
}
