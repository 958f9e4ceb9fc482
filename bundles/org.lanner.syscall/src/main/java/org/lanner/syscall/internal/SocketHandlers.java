package org.lanner.syscall.internal;

import org.lanner.api.event.Event;
import org.lanner.api.syscall.FdEntry;

/**
 * The handlers of socket events, as libsinsp's parser has them: socket, bind, connect, accept,
 * socketpair, getsockopt, and the sendto enter that infers a socket libsinsp did not see created.
 * Tuples and addresses are filled by {@link SocketTuples}. Each handler reads and updates the
 * {@link ParsedEvent} it is given and keeps nothing of the event.
 */
final class SocketHandlers {

    private static final int AF_NETLINK = 16;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_RAW = 255;
    private static final long EINPROGRESS = -115;

    private final ThreadTable threads;

    SocketHandlers(ThreadTable threads) {
        this.threads = threads;
    }

    /** Adds the socket libsinsp tracks for {@code domain}, typed by its family, type and protocol. */
    private void addSocket(ParsedEvent ev, long fd, int domain, int stype, int protocol) {
        FdInfo.Builder b = FdInfo.builder();
        b.type = FdEntry.UNKNOWN;
        b.u8(FdInfo.V4_L4, FdInfo.L4_UNKNOWN);
        if (domain == SocketTuples.AF_UNIX) {
            b.type = FdEntry.UNIX_SOCK;
        } else if (domain == SocketTuples.AF_INET || domain == SocketTuples.AF_INET6) {
            b.type = domain == SocketTuples.AF_INET ? FdEntry.IPV4_SOCK : FdEntry.IPV6_SOCK;
            int l4 = FdInfo.L4_UNKNOWN;
            if (protocol == IPPROTO_TCP) {
                l4 = stype == SOCK_RAW ? FdInfo.L4_RAW : FdInfo.L4_TCP;
            } else if (protocol == IPPROTO_UDP) {
                l4 = stype == SOCK_RAW ? FdInfo.L4_RAW : FdInfo.L4_UDP;
            } else if (protocol == IPPROTO_IP) {
                if ((stype & 0xff) == SOCK_STREAM) {
                    l4 = FdInfo.L4_TCP;
                } else if ((stype & 0xff) == SOCK_DGRAM) {
                    l4 = FdInfo.L4_UDP;
                }
            } else if (protocol == IPPROTO_ICMP) {
                l4 = stype == SOCK_RAW ? FdInfo.L4_RAW : FdInfo.L4_ICMP;
            } else if (protocol == IPPROTO_RAW) {
                l4 = FdInfo.L4_RAW;
            }
            if (domain == SocketTuples.AF_INET) {
                b.u8(FdInfo.V4_L4, l4);
            } else {
                b.clearSock(37);
                b.u8(FdInfo.V6_L4, l4);
            }
        } else if (domain == AF_NETLINK) {
            b.type = FdEntry.NETLINK;
        }
        if (b.type == FdEntry.UNKNOWN) {
            // libsinsp does not track sockets of other families (packet sockets…)
            return;
        }
        threads.addEvtFd(ev, fd, b.build(), "");
    }

    /**
     * sendto enter: a socket libsinsp did not see created is inferred from the address
     * (infer_sendto_fdinfo); the enter event is kept for the exit.
     */
    void sendtoEnter(ParsedEvent ev, Event e) {
        if (ev.fdinfo == null && ev.tinfo != null) {
            inferSendtoFd(ev, e);
        }
        ev.storeEvent(e);
    }

    /** libsinsp's infer_sendto_fdinfo: a UDP socket for a sendto to an IP address on an unknown fd. */
    private void inferSendtoFd(ParsedEvent ev, Event e) {
        long fd = Params.s64(e, 0);
        if (fd < 0 || Params.len(e, 2) == 0) {
            return;
        }
        int family = Params.array(e)[Params.arrayOffset(e, 2)];
        if (family == SocketTuples.AF_INET || family == SocketTuples.AF_INET6) {
            addSocket(ev, fd, family, SOCK_DGRAM, IPPROTO_UDP);
        }
    }

    /** libsinsp's parse_socket_exit: the new socket, from the enter event's domain, type and protocol. */
    void socketExit(ParsedEvent ev, Event e) {
        long fd = Params.s64(e, 0);
        if (fd < 0 || ev.tinfo == null) {
            return;
        }
        RecordView en = ev.enterOf(e);
        if (en == null) {
            return;
        }
        addSocket(ev, fd, Params.u32(en, 0), Params.u32(en, 1), Params.u32(en, 2));
    }

    /** libsinsp's parse_bind_exit: names the socket by its address; an IP socket bound to a port becomes a server. */
    void bindExit(ParsedEvent ev, Event e) {
        if (ev.fdinfo == null || Params.s64(e, 0) < 0) {
            return;
        }
        int len = Params.len(e, 1);
        if (len == 0) {
            return;
        }
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, 1);
        FdInfo.Builder b = ev.fdinfo.toBuilder();
        int family = a[off];
        if (family == SocketTuples.AF_INET && len >= 7) {
            int ip = NetFormat.ipv4Raw(a, off + 1);
            int port = Render.u16(a, off + 5);
            if (port > 0) {
                b.type = FdEntry.IPV4_SERVSOCK;
                b.u32(FdInfo.V4S_IP, ip).u16(FdInfo.V4S_PORT, port);
                b.u8(FdInfo.V4S_L4, b.u8(FdInfo.V4_L4));
                b.flags |= FdInfo.ROLE_SERVER;
            }
        } else if (family == SocketTuples.AF_INET6 && len >= 19) {
            int port = Render.u16(a, off + 17);
            if (port > 0) {
                if (NetFormat.isV4Mapped(a, off + 1)) {
                    b.type = FdEntry.IPV4_SERVSOCK;
                    b.u8(FdInfo.V4S_L4, b.u8(FdInfo.V6_L4));
                    b.u32(FdInfo.V4S_IP, NetFormat.ipv4Raw(a, off + 13)).u16(FdInfo.V4S_PORT, port);
                } else {
                    b.type = FdEntry.IPV6_SERVSOCK;
                    b.u16(FdInfo.V6S_PORT, port);
                    b.bytes(FdInfo.V6S_IP, a, off + 1, 16);
                    b.u8(FdInfo.V6S_L4, b.u8(FdInfo.V6_L4));
                }
                b.flags |= FdInfo.ROLE_SERVER;
            }
        }
        b.name = Render.sockaddr(a, off, len);
        threads.commitFd(ev, b);
    }

    /** libsinsp's parse_connect_enter: the destination the socket connects to. */
    void connectEnter(ParsedEvent ev, Event e) {
        if (ev.fdinfo == null || Params.count(e) < 2) {
            return;
        }
        int len = Params.len(e, 1);
        if (len == 0) {
            return;
        }
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, 1);
        FdInfo.Builder b = ev.fdinfo.toBuilder();
        int family = a[off];
        if (family == SocketTuples.AF_INET && len >= 7) {
            b.type = FdEntry.IPV4_SOCK;
            b.bytes(FdInfo.V4_DIP, a, off + 1, 4).bytes(FdInfo.V4_DPORT, a, off + 5, 2);
        } else if (family == SocketTuples.AF_INET6 && len >= 19) {
            int port = Render.u16(a, off + 17);
            if (NetFormat.isV4Mapped(a, off + 1)) {
                b.type = FdEntry.IPV4_SOCK;
                b.bytes(FdInfo.V4_DIP, a, off + 13, 4).u16(FdInfo.V4_DPORT, port);
            } else {
                b.type = FdEntry.IPV6_SOCK;
                b.u16(FdInfo.V6_DPORT, port).bytes(FdInfo.V6_DIP, a, off + 1, 16);
            }
        } else if (family != SocketTuples.AF_INET && family != SocketTuples.AF_INET6) {
            b.name = Render.sockaddr(a, off, len);
            SocketTuples.setUnixInfo(b, e, off);
        }
        threads.commitFd(ev, b);
    }

    /** libsinsp's parse_connect_exit: the socket is connected, with the tuple of the exit. */
    void connectExit(ParsedEvent ev, Event e) {
        if (ev.fdinfo == null) {
            return;
        }
        long retval = Params.s64(e, 0);
        if (retval < 0 && retval != EINPROGRESS) {
            return;
        }
        FdInfo.Builder b = ev.fdinfo.toBuilder();
        b.connected();
        if (Params.len(e, 1) != 0) {
            fillClientSocketInfo(b, e, 1);
        }
        threads.commitFd(ev, b);
    }

    /** libsinsp's fill_client_socket_info: the tuple and client role of a connected socket. */
    private void fillClientSocketInfo(FdInfo.Builder b, Event e, int param) {
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, param);
        int len = Params.len(e, param);
        int family = a[off];
        if (family == SocketTuples.AF_INET || family == SocketTuples.AF_INET6) {
            boolean changed;
            if (family == SocketTuples.AF_INET6) {
                if (len < 37) {
                    return;
                }
                if (!(NetFormat.isV4Mapped(a, off + 1) && NetFormat.isV4Mapped(a, off + 19))) {
                    b.type = FdEntry.IPV6_SOCK;
                    changed = SocketTuples.setIpv6(b, a, off);
                } else {
                    b.type = FdEntry.IPV4_SOCK;
                    changed = SocketTuples.setIpv4Mapped(b, a, off);
                }
            } else {
                if (len < 13) {
                    return;
                }
                b.type = FdEntry.IPV4_SOCK;
                changed = SocketTuples.setIpv4(b, a, off);
            }
            if (changed && b.isRoleServer() && b.type == FdEntry.IPV4_SOCK && b.u8(FdInfo.V4_L4) == FdInfo.L4_UDP) {
                SocketTuples.swap(b);
            }
            SocketTuples.sockinfoToStr(b);
        } else {
            b.name = Render.socktuple(a, off, len);
            SocketTuples.setUnixInfo(b, e, off);
        }
        if (b.isRoleNone()) {
            b.flags |= FdInfo.ROLE_CLIENT;
        }
    }

    /** libsinsp's parse_accept_exit: the fd of the accepted connection, on the server side. */
    void acceptExit(ParsedEvent ev, Event e) {
        if (ev.tinfo == null) {
            return;
        }
        long fd = Params.s64(e, 0);
        if (fd < 0) {
            return;
        }
        ev.slot.lastFd = fd;
        int len = Params.len(e, 1);
        if (len == 0) {
            return;
        }
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, 1);
        FdInfo.Builder b = FdInfo.builder();
        int family = a[off];
        if (family == SocketTuples.AF_INET && len >= 13) {
            SocketTuples.setIpv4(b, a, off);
            b.type = FdEntry.IPV4_SOCK;
            b.u8(FdInfo.V4_L4, FdInfo.L4_TCP);
        } else if (family == SocketTuples.AF_INET6 && len >= 37) {
            if (NetFormat.isV4Mapped(a, off + 1) && NetFormat.isV4Mapped(a, off + 19)) {
                SocketTuples.setIpv4Mapped(b, a, off);
                b.type = FdEntry.IPV4_SOCK;
                b.u8(FdInfo.V4_L4, FdInfo.L4_TCP);
            } else {
                SocketTuples.setIpv6(b, a, off);
                b.type = FdEntry.IPV6_SOCK;
                b.u8(FdInfo.V6_L4, FdInfo.L4_TCP);
            }
        } else if (family == SocketTuples.AF_UNIX) {
            b.type = FdEntry.UNIX_SOCK;
            SocketTuples.setUnixInfo(b, e, off);
        } else {
            return;
        }
        b.name = Render.socktuple(a, off, len);
        b.flags = FdInfo.ROLE_SERVER;
        b.connected();
        threads.addEvtFd(ev, fd, b.build(), "");
    }

    /** libsinsp's parse_socketpair_exit: the two connected unix sockets. */
    void socketpairExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) < 0 || ev.tinfo == null) {
            return;
        }
        FdInfo.Builder b = FdInfo.builder();
        b.type = FdEntry.UNIX_SOCK;
        b.u64(FdInfo.UNIX_SOURCE, Params.s64(e, 3)).u64(FdInfo.UNIX_DEST, Params.s64(e, 4));
        FdInfo f = b.build();
        threads.addEvtFd(ev, Params.s64(e, 1), f, "");
        threads.addFd(ev, ev.slot, ev.tinfo, Params.s64(e, 2), f);
    }

    /** libsinsp's parse_getsockopt_exit: the fd the option was read from becomes the event's fd. */
    void getsockoptExit(ParsedEvent ev, Event e) {
        if (Params.count(e) > 0 && ev.tinfo != null) {
            long fd = Params.s64(e, 1);
            TidSlot m = threads.mainSlot(ev, ev.slot, ev.tinfo, true);
            ThreadInfo mt = m == null ? null : m.live();
            ev.fdinfo = null;
            ev.fdTable = null;
            if (mt != null && fd >= 0) {
                TidSlot table = threads.tableSlot(ev, m, mt);
                if (table != null) {
                    ev.fdTable = table;
                    ev.fdKey = fd;
                    ev.fdinfo = table.fds.get(fd);
                    ev.fdOldName = ev.fdinfo == null ? null : ev.fdinfo.name;
                }
            }
            ev.slot.lastFd = fd;
        }
    }
}
