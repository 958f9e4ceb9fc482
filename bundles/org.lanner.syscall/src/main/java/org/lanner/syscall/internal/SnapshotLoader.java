package org.lanner.syscall.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.GroupEntry;
import org.lanner.api.syscall.InterfaceEntry;
import org.lanner.api.syscall.SystemSnapshot;
import org.lanner.api.syscall.ThreadEntry;
import org.lanner.api.syscall.UserEntry;

/**
 * Loads the state a stream starts from, as libsinsp reads {@code /proc} or a capture's process,
 * user, group and interface lists before the first event: the machine, users, groups and
 * interfaces go to the {@link SharedState}, the threads and their descriptors to the
 * {@link ThreadTable}, with parent/child counts and socket directions fixed up once every thread
 * is in.
 */
final class SnapshotLoader {

    private final SharedState shared;
    private final ThreadTable threads;
    private final ContainerHandlers containers;

    SnapshotLoader(SharedState shared, ThreadTable threads, ContainerHandlers containers) {
        this.shared = shared;
        this.threads = threads;
        this.containers = containers;
    }

    /**
     * Loads {@code snapshot}. {@code ev} is the stream's event before the first one is parsed: the
     * threads loaded are versions that hold from the start.
     */
    void load(ParsedEvent ev, SystemSnapshot snapshot) {
        if (snapshot.machine() != null) {
            shared.machine = snapshot.machine();
        }
        Map<Integer, UserEntry> users = new HashMap<>();
        for (UserEntry u : snapshot.users()) {
            users.put(u.uid(), u);
        }
        shared.users = Map.copyOf(users);
        Map<Integer, GroupEntry> groups = new HashMap<>();
        for (GroupEntry g : snapshot.groups()) {
            groups.put(g.gid(), g);
        }
        shared.groups = Map.copyOf(groups);
        List<Integer> v4 = new ArrayList<>();
        List<byte[]> v6 = new ArrayList<>();
        for (InterfaceEntry i : snapshot.interfaces()) {
            if (i.address() != null && i.address().length == 4) {
                v4.add(NetFormat.ipv4Raw(i.address(), 0));
                v4.add(i.netmask() != null && i.netmask().length == 4 ? NetFormat.ipv4Raw(i.netmask(), 0) : 0);
            } else if (i.address() != null && i.address().length == 16) {
                v6.add(i.address().clone());
            }
        }
        shared.ipv4Interfaces = v4.stream().mapToInt(Integer::intValue).toArray();
        shared.ipv6Interfaces = List.copyOf(v6);

        Set<Integer> serverPorts = new HashSet<>();
        List<TidSlot> loaded = new ArrayList<>();
        for (ThreadEntry e : snapshot.threads()) {
            TidSlot s = loadThread(ev, e, serverPorts);
            if (s != null) {
                loaded.add(s);
            }
        }
        // parent/child counts: every thread flagged as a thread counts for its main thread
        for (TidSlot s : loaded) {
            ThreadInfo t = s.live();
            if (t != null && t.has(ThreadInfo.CLONE_THREAD)) {
                TidSlot m = threads.thread(ev, t.pid, true);
                if (m != null) {
                    m.nchilds++;
                }
            }
        }
        // socket directions: a connected socket whose local port is a listening port is a server
        for (TidSlot s : loaded) {
            s.fds = fixSockets(s.fds, serverPorts);
        }
    }

    /** One thread of the snapshot with its descriptors, or null when the table is full. */
    private TidSlot loadThread(ParsedEvent ev, ThreadEntry e, Set<Integer> serverPorts) {
        if (threads.isFull()) {
            return null;
        }
        ThreadInfo.Builder b = new ThreadInfo.Builder();
        b.tid = e.tid();
        b.pid = e.pid();
        b.ptid = e.ptid();
        b.sid = e.sid();
        b.vpgid = e.vpgid();
        b.comm = e.comm();
        b.exe = e.exe();
        b.exepath = e.exepath();
        b.exeWritable = e.exeWritable();
        b.args = e.args().toArray(ThreadInfo.NONE);
        b.flags = ThreadInfo.NAME_CHANGED | e.flags() | ThreadInfo.ACTIVE;
        if (b.tid == b.pid || (b.flags & ThreadInfo.IS_MAIN_THREAD) != 0) {
            b.env = Params.env(e.env());
            b.cwd = FileHandlers.withSlash(Paths.resolve("", e.cwd(), Paths.MAX_PATH));
        }
        b.fdlimit = e.fdlimit();
        b.uid = e.uid();
        b.gid = e.gid();
        b.vtid = e.vtid();
        b.vpid = e.vpid();
        b.loginuid = e.loginuid();
        b.cgroups = Params.cgroups(e.cgroups().toArray(ThreadInfo.NONE));
        b.root = e.root();
        TidSlot s = threads.newThread(b.tid);
        s.vmsize = e.vmsizeKb() & 0xffffffffL;
        s.vmrss = e.vmrssKb() & 0xffffffffL;
        s.vmswap = e.vmswapKb() & 0xffffffffL;
        s.pfmajor = e.pfMajor();
        s.pfminor = e.pfMinor();
        containers.resolveContainer(b);
        threads.publish(ev, s, b);
        FdTable fds = FdTable.EMPTY;
        for (FdEntry f : e.fds()) {
            FdInfo fi = fromSnapshot(f, serverPorts);
            if (fi != null && (fds.get(f.fd()) != null || fds.size() < ThreadTable.MAX_FDS)) {
                fds = fds.put(f.fd(), fi);
            }
        }
        s.fds = fds;
        return s;
    }

    /** A descriptor of the snapshot (libsinsp's add_fd_from_scap), or null for a type libsinsp does not add. */
    private static FdInfo fromSnapshot(FdEntry f, Set<Integer> serverPorts) {
        FdInfo.Builder b = FdInfo.builder();
        b.type = f.type();
        b.flags = FdInfo.FROM_PROC;
        b.ino = f.ino();
        switch (f.type()) {
            case FdEntry.IPV4_SOCK: {
                int sip = ip4(f.sourceIp());
                int dip = ip4(f.destIp());
                b.u32(FdInfo.V4_SIP, sip).u32(FdInfo.V4_DIP, dip).u16(FdInfo.V4_SPORT, f.sourcePort())
                        .u16(FdInfo.V4_DPORT, f.destPort()).u8(FdInfo.V4_L4, f.l4proto());
                if (f.l4proto() == FdInfo.L4_TCP) {
                    b.flags |= FdInfo.SOCKET_CONNECTED;
                }
                b.name = NetFormat.ipv4Tuple(sip, f.sourcePort(), dip, f.destPort());
                break;
            }
            case FdEntry.IPV4_SERVSOCK: {
                int ip = ip4(f.sourceIp());
                b.u32(FdInfo.V4S_IP, ip).u16(FdInfo.V4S_PORT, f.sourcePort()).u8(FdInfo.V4S_L4, f.l4proto());
                StringBuilder sb = new StringBuilder();
                NetFormat.ipv4Endpoint(ip, f.sourcePort(), sb);
                b.name = sb.toString();
                serverPorts.add(f.sourcePort() & 0xffff);
                break;
            }
            case FdEntry.IPV6_SOCK: {
                byte[] sip = ip6(f.sourceIp());
                byte[] dip = ip6(f.destIp());
                if (NetFormat.isV4Mapped(sip, 0) && NetFormat.isV4Mapped(dip, 0)) {
                    b.type = FdEntry.IPV4_SOCK;
                    int s4 = NetFormat.ipv4Raw(sip, 12);
                    int d4 = NetFormat.ipv4Raw(dip, 12);
                    b.u32(FdInfo.V4_SIP, s4).u32(FdInfo.V4_DIP, d4).u16(FdInfo.V4_SPORT, f.sourcePort())
                            .u16(FdInfo.V4_DPORT, f.destPort()).u8(FdInfo.V4_L4, f.l4proto());
                    b.name = NetFormat.ipv4Tuple(s4, f.sourcePort(), d4, f.destPort());
                } else {
                    b.bytes(FdInfo.V6_SIP, sip, 0, 16).bytes(FdInfo.V6_DIP, dip, 0, 16).u16(FdInfo.V6_SPORT, f.sourcePort())
                            .u16(FdInfo.V6_DPORT, f.destPort()).u8(FdInfo.V6_L4, f.l4proto());
                    b.name = ipv6Tuple(sip, f.sourcePort(), dip, f.destPort());
                }
                if (f.l4proto() == FdInfo.L4_TCP) {
                    b.flags |= FdInfo.SOCKET_CONNECTED;
                }
                break;
            }
            case FdEntry.IPV6_SERVSOCK: {
                byte[] ip = ip6(f.sourceIp());
                b.bytes(FdInfo.V6S_IP, ip, 0, 16).u16(FdInfo.V6S_PORT, f.sourcePort()).u8(FdInfo.V6S_L4, f.l4proto());
                b.name = NetFormat.ipv6(ip, 0) + ":" + (f.sourcePort() & 0xffff);
                serverPorts.add(f.sourcePort() & 0xffff);
                break;
            }
            case FdEntry.UNIX_SOCK:
                b.u64(FdInfo.UNIX_SOURCE, f.sourceId()).u64(FdInfo.UNIX_DEST, f.destId());
                b.name = f.name();
                b.flags |= f.name().isEmpty() ? FdInfo.ROLE_CLIENT : FdInfo.ROLE_SERVER;
                break;
            case FdEntry.FILE_V2:
                b.openFlags = f.openFlags();
                b.name = f.name();
                b.dev = f.dev();
                b.flags |= FileHandlers.TRACER_DEVICE.equals(b.name) ? FdInfo.IS_TRACER_FILE : FdInfo.IS_NOT_TRACER_FD;
                break;
            case FdEntry.FIFO:
            case FdEntry.FILE:
            case FdEntry.DIRECTORY:
            case FdEntry.UNSUPPORTED:
            case FdEntry.SIGNALFD:
            case FdEntry.EVENTPOLL:
            case FdEntry.EVENT:
            case FdEntry.INOTIFY:
            case FdEntry.TIMERFD:
            case FdEntry.NETLINK:
                b.name = f.name();
                b.flags |= FileHandlers.TRACER_DEVICE.equals(b.name) ? FdInfo.IS_TRACER_FILE : FdInfo.IS_NOT_TRACER_FD;
                break;
            default:
                // types libsinsp 2022 does not know are not added
                return null;
        }
        return b.build();
    }

    /** Marks the connected IPv4 sockets of a table as servers (tuple swapped) or clients by their local port. */
    private static FdTable fixSockets(FdTable fds, Set<Integer> serverPorts) {
        FdTable[] out = {fds};
        fds.forEach((fd, f) -> {
            if (f.type != FdEntry.IPV4_SOCK) {
                return;
            }
            FdInfo.Builder b = f.toBuilder();
            if (serverPorts.contains(f.u16(FdInfo.V4_SPORT))) {
                int sip = b.u32(FdInfo.V4_SIP);
                int sport = b.u16(FdInfo.V4_SPORT);
                b.u32(FdInfo.V4_SIP, b.u32(FdInfo.V4_DIP)).u32(FdInfo.V4_DIP, sip);
                b.u16(FdInfo.V4_SPORT, b.u16(FdInfo.V4_DPORT)).u16(FdInfo.V4_DPORT, sport);
                b.name = NetFormat.ipv4Tuple(b.u32(FdInfo.V4_SIP), b.u16(FdInfo.V4_SPORT), b.u32(FdInfo.V4_DIP),
                        b.u16(FdInfo.V4_DPORT));
                b.flags |= FdInfo.ROLE_SERVER;
            } else {
                b.flags |= FdInfo.ROLE_CLIENT;
            }
            out[0] = out[0].put(fd, b.build());
        });
        return out[0];
    }

    private static int ip4(byte[] a) {
        return a == null || a.length < 4 ? 0 : NetFormat.ipv4Raw(a, 0);
    }

    private static byte[] ip6(byte[] a) {
        byte[] out = new byte[16];
        if (a != null) {
            System.arraycopy(a, 0, out, 0, Math.min(16, a.length));
        }
        return out;
    }

    static String ipv6Tuple(byte[] sip, int sport, byte[] dip, int dport) {
        return NetFormat.ipv6(sip, 0) + ":" + (sport & 0xffff) + "->" + NetFormat.ipv6(dip, 0) + ":" + (dport & 0xffff);
    }
}
