package org.lanner.syscall.internal;

import java.util.Map;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.syscall.EventFlags;
import org.lanner.api.syscall.EventInfo;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.SystemSnapshot;

/**
 * The state libsinsp keeps for system-call events, and how each event changes it (a port of the
 * behaviour of libsinsp's parser and thread manager, written from their public sources). One
 * instance per stream, used by the parser thread only; what lanes read goes through immutable
 * versions ({@link ThreadInfo}, {@link FdInfo}, {@link FdTable}) and {@link SharedState}.
 */
final class SyscallState {

    /** A clone exit of a thread older than this is a stale entry (libsinsp CLONE_STALE_TIME_NS). */
    static final long CLONE_STALE_NS = 2_000_000_000L;

    private static final int EXVAT_AT_EMPTY_PATH = 1;
    private static final int RLIMIT_NOFILE = 7;

    final SharedState shared = new SharedState();
    private final ContainerHandlers containers;
    private final SocketTuples tuples;
    private final FileHandlers files;
    private final SocketHandlers sockets;
    private final ThreadTable threads;

    /** The event being parsed (libsinsp's sinsp_evt with its m_tinfo, m_fdinfo…), reused for every event. */
    private final ParsedEvent ev = new ParsedEvent();
    private long previousTs;
    /** Whether an event other than a container event has been parsed since the snapshot. */
    private boolean pastLeadingContainers;
    /** Per CPU, the time of the last context switch (for {@code thread.exectime}). */
    private long[] lastSwitchTs = new long[0];

    SyscallState(long purgeIntervalNs) {
        threads = new ThreadTable(shared, purgeIntervalNs);
        containers = new ContainerHandlers(threads);
        tuples = new SocketTuples(shared, threads);
        files = new FileHandlers(threads, tuples);
        sockets = new SocketHandlers(threads);
    }

    Map<String, Container> containers() {
        return containers.table();
    }

    int threadCount() {
        return threads.count();
    }

    /** Every event up to {@code number} has been evaluated: history before it can go. */
    void watermark(long number) {
        threads.watermark(ev, number);
    }

    /** Loads the state the stream starts from (before its first event). */
    void load(SystemSnapshot snapshot) {
        new SnapshotLoader(shared, threads, containers).load(ev, snapshot);
    }

    // =====================================================================================
    // events

    /**
     * Updates the state with one event and fills its context.
     *
     * @return true when libsinsp would hide the event from rules (a failed container lookup)
     */
    boolean parse(Event e, long number, EventContext ctx) {
        ev.num = number;
        ev.ts = e.timestamp();
        threads.applyDelayedRemovals(ev);
        threads.purgeIfDue(ev);
        int type = e.type();
        ev.clear();
        if (shared.firstEventTs == 0 && type != Ppme.CONTAINER_JSON_E && type != Ppme.CONTAINER_JSON_2_E) {
            shared.firstEventTs = ev.ts;
        }
        boolean containerEvent = type == Ppme.CONTAINER_E || type == Ppme.CONTAINER_JSON_E || type == Ppme.CONTAINER_JSON_2_E;
        EventInfo info = Params.info(type);
        if (info != null) {
            reset(ev, e, info, type);
            dispatch(ev, e, type, info);
            if (!info.enter() && ev.slot != null && ev.tinfo != null) {
                ev.slot.hasEnter = false;
                ev.slot.enterValid = false;
            }
        }
        if (containerEvent && !pastLeadingContainers) {
            // libsinsp consumes the container events that open a capture while it starts, before its
            // consumer sees any event: they fill the container table but reach no rule
            ev.filteredOut = true;
        } else if (!containerEvent) {
            pastLeadingContainers = true;
        }
        fill(ev, e, ctx);
        if (!ev.filteredOut && (e.flags() & EventBatch.FLAG_STATE_ONLY) == 0) {
            // libsinsp measures evt.deltatime from the previous event it showed
            previousTs = ev.ts;
        }
        return ev.filteredOut;
    }

    private void fill(ParsedEvent ev, Event e, EventContext ctx) {
        ctx.clear();
        ctx.shared = shared;
        ctx.number = ev.num;
        ctx.previousTs = previousTs;
        ctx.containers = containers.table();
        ctx.hasTinfo = ev.tinfo != null || ev.synthetic != null;
        boolean isSwitch = e.type() == Ppme.SCHEDSWITCH_1_E || e.type() == Ppme.SCHEDSWITCH_6_E;
        if (isSwitch) {
            ctx.execTime = execTime(ev, e.cpu());
        }
        if (ev.synthetic != null) {
            ctx.thread = ev.synthetic;
            ctx.main = ev.synthetic;
            ctx.container = containers.table().get(ev.synthetic.containerId);
            return;
        }
        TidSlot s = threads.find(e.threadId());
        ThreadInfo t = s == null ? null : s.live();
        if (t == null) {
            return;
        }
        TidSlot m = threads.mainSlot(ev, s, t, true);
        // the main thread may have been created just now: the thread itself is unchanged
        ctx.thread = s.live();
        ctx.main = m == null ? null : m.live();
        TidSlot table = threads.tableSlot(ev, s, ctx.thread);
        ctx.fds = table == null ? FdTable.EMPTY : table.fds;
        ctx.fd = ev.fdinfo;
        ctx.fdNameChanged = ev.fdinfo != null && !ev.fdinfo.name.equals(ev.fdOldName);
        ctx.lastFd = s.lastFd;
        ctx.latency = ev.tinfo != null && ev.slot == s ? s.latency : 0;
        ctx.vmsize = s.vmsize;
        ctx.vmrss = s.vmrss;
        ctx.vmswap = s.vmswap;
        ctx.pfmajor = s.pfmajor;
        ctx.pfminor = s.pfminor;
        ctx.nchilds = s.nchilds;
        ctx.mainNchilds = m == null ? 0 : m.nchilds;
        ctx.mainFdCount = m == null ? 0 : m.fds.size();
        if (isSwitch) {
            s.totExecTime += ctx.execTime;
        }
        ctx.totExecTime = s.totExecTime;
        if (e.type() == Ppme.PROCINFO_E && ev.tinfo != null) {
            long user = Params.s64(e, 0);
            long sys = Params.s64(e, 1);
            ctx.cpu = cpuDelta(user + sys, s.lastCpu);
            ctx.cpuUser = cpuDelta(user, s.lastCpuUser);
            ctx.cpuSystem = cpuDelta(sys, s.lastCpuSystem);
            s.lastCpu = user + sys;
            s.lastCpuUser = user;
            s.lastCpuSystem = sys;
        }
        if (!ctx.thread.containerId.isEmpty()) {
            ctx.container = containers.table().get(ctx.thread.containerId);
        }
        s.lastAccessTs = ev.ts;
    }

    /** The time since the previous context switch on {@code cpu} (0 for its first), and remembers this one. */
    private long execTime(ParsedEvent ev, int cpu) {
        if (cpu < 0) {
            return 0;
        }
        if (cpu >= lastSwitchTs.length) {
            lastSwitchTs = java.util.Arrays.copyOf(lastSwitchTs, Math.max(cpu + 1, lastSwitchTs.length * 2));
        }
        long last = lastSwitchTs[cpu];
        lastSwitchTs[cpu] = ev.ts;
        return last == 0 ? 0 : ev.ts - last;
    }

    private static double cpuDelta(long now, long last) {
        if (last == 0) {
            return 0;
        }
        double d = (double) (now - last);
        return d > 100 ? 100 : d;
    }

    private static boolean isCloneExit(int type) {
        switch (type) {
            case Ppme.SYSCALL_CLONE_11_X:
            case Ppme.SYSCALL_CLONE_16_X:
            case Ppme.SYSCALL_CLONE_17_X:
            case Ppme.SYSCALL_CLONE_20_X:
            case Ppme.SYSCALL_FORK_X:
            case Ppme.SYSCALL_FORK_17_X:
            case Ppme.SYSCALL_FORK_20_X:
            case Ppme.SYSCALL_VFORK_X:
            case Ppme.SYSCALL_VFORK_17_X:
            case Ppme.SYSCALL_VFORK_20_X:
            case Ppme.SYSCALL_CLONE3_X:
                return true;
            default:
                return false;
        }
    }

    /** libsinsp's reset: finds the thread and the fd the event refers to, tracks enter/exit pairs. */
    private void reset(ParsedEvent ev, Event e, EventInfo info, int type) {
        int eflags = info.flags();
        if ((eflags & EventFlags.SKIPPARSERESET) != 0) {
            if (type == Ppme.PROCINFO_E) {
                ev.slot = threads.find(e.threadId());
                ev.tinfo = ev.slot == null ? null : ev.slot.live();
            }
            return;
        }
        if (type == Ppme.CONTAINER_JSON_E || type == Ppme.CONTAINER_JSON_2_E) {
            return;
        }
        boolean queryOs = !(isCloneExit(type) || type == Ppme.SCHEDSWITCH_6_E);
        ev.slot = threads.thread(ev, e.threadId(), queryOs);
        ev.tinfo = ev.slot == null ? null : ev.slot.live();
        if (type == Ppme.SCHEDSWITCH_6_E || ev.tinfo == null) {
            return;
        }
        if (info.enter()) {
            ev.slot.lastFd = -1;
            ev.slot.lastType = type;
            if ((eflags & EventFlags.USES_FD) != 0) {
                ev.slot.lastFd = Params.s64(e, 0);
                threads.useFd(ev, ev.slot.lastFd);
            }
            ev.slot.latency = 0;
            ev.slot.lastEnterTs = ev.ts;
        } else {
            if (ev.slot.lastEnterTs != 0) {
                ev.slot.latency = ev.ts - ev.slot.lastEnterTs;
            }
            if (type == ev.slot.lastType + 1) {
                ev.slot.enterValid = true;
            } else {
                ev.slot.enterValid = false;
                if (ev.slot.lastType != Ppme.TRACER_E) {
                    return;
                }
            }
            if ((eflags & EventFlags.USES_FD) != 0) {
                if (type == Ppme.SYSCALL_COPY_FILE_RANGE_X) {
                    ev.slot.lastFd = Params.s64(e, 1);
                }
                threads.useFd(ev, ev.slot.lastFd);
                if (ev.fdinfo == null) {
                    return;
                }
                if (ev.fdinfo.has(FdInfo.CLOSE_CANCELED)) {
                    FdInfo.Builder b = ev.fdinfo.toBuilder();
                    b.flags &= ~FdInfo.CLOSE_CANCELED;
                    threads.commitFd(ev, b);
                    if (threads.tableSlot(ev, ev.slot, ev.tinfo).fds.get(FdTable.CANCELED) != null) {
                        threads.scheduleFdRemoval(ev.tinfo.tid, FdTable.CANCELED);
                    }
                }
            }
        }
    }

    private void dispatch(ParsedEvent ev, Event e, int type, EventInfo info) {
        switch (type) {
            case Ppme.SOCKET_SENDTO_E:
                sockets.sendtoEnter(ev, e);
                break;
            case Ppme.SYSCALL_OPEN_E:
            case Ppme.SYSCALL_CREAT_E:
            case Ppme.SYSCALL_OPENAT_E:
            case Ppme.SYSCALL_OPENAT_2_E:
            case Ppme.SYSCALL_OPENAT2_E:
            case Ppme.SOCKET_SOCKET_E:
            case Ppme.SYSCALL_EVENTFD_E:
            case Ppme.SYSCALL_CHDIR_E:
            case Ppme.SYSCALL_FCHDIR_E:
            case Ppme.SOCKET_SHUTDOWN_E:
            case Ppme.SYSCALL_GETRLIMIT_E:
            case Ppme.SYSCALL_SETRLIMIT_E:
            case Ppme.SYSCALL_PRLIMIT_E:
            case Ppme.SOCKET_SENDMSG_E:
            case Ppme.SYSCALL_SENDFILE_E:
            case Ppme.SYSCALL_SETRESUID_E:
            case Ppme.SYSCALL_SETRESGID_E:
            case Ppme.SYSCALL_SETUID_E:
            case Ppme.SYSCALL_SETGID_E:
            case Ppme.SYSCALL_EXECVE_18_E:
            case Ppme.SYSCALL_EXECVE_19_E:
            case Ppme.SYSCALL_EXECVEAT_E:
            case Ppme.SYSCALL_SETPGID_E:
                ev.storeEvent(e);
                break;
            case Ppme.SYSCALL_READ_X:
            case Ppme.SYSCALL_WRITE_X:
            case Ppme.SOCKET_RECV_X:
            case Ppme.SOCKET_SEND_X:
            case Ppme.SOCKET_RECVFROM_X:
            case Ppme.SOCKET_RECVMSG_X:
            case Ppme.SOCKET_SENDTO_X:
            case Ppme.SOCKET_SENDMSG_X:
            case Ppme.SYSCALL_READV_X:
            case Ppme.SYSCALL_WRITEV_X:
            case Ppme.SYSCALL_PREAD_X:
            case Ppme.SYSCALL_PWRITE_X:
            case Ppme.SYSCALL_PREADV_X:
            case Ppme.SYSCALL_PWRITEV_X:
                files.rwExit(ev, e, type, info);
                break;
            case Ppme.SYSCALL_OPEN_X:
            case Ppme.SYSCALL_CREAT_X:
            case Ppme.SYSCALL_OPENAT_X:
            case Ppme.SYSCALL_OPENAT_2_X:
            case Ppme.SYSCALL_OPENAT2_X:
                files.openExit(ev, e, type);
                break;
            case Ppme.SYSCALL_CLONE_11_X:
            case Ppme.SYSCALL_CLONE_16_X:
            case Ppme.SYSCALL_CLONE_17_X:
            case Ppme.SYSCALL_CLONE_20_X:
            case Ppme.SYSCALL_FORK_X:
            case Ppme.SYSCALL_FORK_17_X:
            case Ppme.SYSCALL_FORK_20_X:
            case Ppme.SYSCALL_VFORK_X:
            case Ppme.SYSCALL_VFORK_17_X:
            case Ppme.SYSCALL_VFORK_20_X:
            case Ppme.SYSCALL_CLONE3_X:
                cloneExit(ev, e, type);
                break;
            case Ppme.SYSCALL_EXECVE_8_X:
            case Ppme.SYSCALL_EXECVE_13_X:
            case Ppme.SYSCALL_EXECVE_14_X:
            case Ppme.SYSCALL_EXECVE_15_X:
            case Ppme.SYSCALL_EXECVE_16_X:
            case Ppme.SYSCALL_EXECVE_17_X:
            case Ppme.SYSCALL_EXECVE_18_X:
            case Ppme.SYSCALL_EXECVE_19_X:
            case Ppme.SYSCALL_EXECVEAT_X:
                execveExit(ev, e, type);
                break;
            case Ppme.PROCEXIT_E:
            case Ppme.PROCEXIT_1_E:
                if (ev.tinfo != null) {
                    ThreadInfo.Builder b = ev.tinfo.toBuilder();
                    b.flags |= ThreadInfo.CLOSED;
                    threads.publish(ev, ev.slot, b);
                    threads.removeThreadLater(e.threadId());
                }
                break;
            case Ppme.SYSCALL_PIPE_X:
                files.pipeExit(ev, e);
                break;
            case Ppme.SOCKET_SOCKET_X:
                sockets.socketExit(ev, e);
                break;
            case Ppme.SOCKET_BIND_X:
                sockets.bindExit(ev, e);
                break;
            case Ppme.SOCKET_CONNECT_E:
                sockets.connectEnter(ev, e);
                break;
            case Ppme.SOCKET_CONNECT_X:
                sockets.connectExit(ev, e);
                break;
            case Ppme.SOCKET_ACCEPT_X:
            case Ppme.SOCKET_ACCEPT_5_X:
            case Ppme.SOCKET_ACCEPT4_X:
            case Ppme.SOCKET_ACCEPT4_5_X:
                sockets.acceptExit(ev, e);
                break;
            case Ppme.SYSCALL_CLOSE_E:
                files.closeEnter(ev);
                break;
            case Ppme.SYSCALL_CLOSE_X:
                files.closeExit(ev, e);
                break;
            case Ppme.SYSCALL_FCNTL_E:
                files.fcntlEnter(ev, e);
                break;
            case Ppme.SYSCALL_FCNTL_X:
                files.fcntlExit(ev, e);
                break;
            case Ppme.SYSCALL_EVENTFD_X:
                files.newFd(ev, e, FdEntry.EVENT);
                break;
            case Ppme.SYSCALL_SIGNALFD_X:
                files.newFd(ev, e, FdEntry.SIGNALFD);
                break;
            case Ppme.SYSCALL_TIMERFD_CREATE_X:
                files.newFd(ev, e, FdEntry.TIMERFD);
                break;
            case Ppme.SYSCALL_INOTIFY_INIT_X:
                files.newFd(ev, e, FdEntry.INOTIFY);
                break;
            case Ppme.SYSCALL_CHDIR_X:
            case Ppme.SYSCALL_GETCWD_X:
                files.cwdExit(ev, e);
                break;
            case Ppme.SYSCALL_FCHDIR_X:
                files.fchdirExit(ev, e);
                break;
            case Ppme.SYSCALL_DUP_X:
                files.dupExit(ev, e);
                break;
            case Ppme.SYSCALL_GETRLIMIT_X:
            case Ppme.SYSCALL_SETRLIMIT_X:
                rlimitExit(ev, e);
                break;
            case Ppme.SYSCALL_PRLIMIT_X:
                prlimitExit(ev, e);
                break;
            case Ppme.SOCKET_SOCKETPAIR_X:
                sockets.socketpairExit(ev, e);
                break;
            case Ppme.SCHEDSWITCH_1_E:
            case Ppme.SCHEDSWITCH_6_E:
                if (ev.tinfo != null && Params.count(e) >= 6) {
                    ev.slot.pfmajor = Params.s64(e, 1);
                    ev.slot.pfminor = Params.s64(e, 2);
                    TidSlot m = threads.mainSlot(ev, ev.slot, ev.tinfo, true);
                    if (m != null) {
                        m.vmsize = Params.u32(e, 3) & 0xffffffffL;
                        m.vmrss = Params.u32(e, 4) & 0xffffffffL;
                        m.vmswap = Params.u32(e, 5) & 0xffffffffL;
                    }
                }
                break;
            case Ppme.SYSCALL_BRK_4_X:
            case Ppme.SYSCALL_MMAP_X:
            case Ppme.SYSCALL_MMAP2_X:
            case Ppme.SYSCALL_MUNMAP_X:
                if (ev.tinfo != null) {
                    ev.slot.vmsize = Params.u32(e, 1) & 0xffffffffL;
                    ev.slot.vmrss = Params.u32(e, 2) & 0xffffffffL;
                    ev.slot.vmswap = Params.u32(e, 3) & 0xffffffffL;
                }
                break;
            case Ppme.SYSCALL_SETRESUID_X:
            case Ppme.SYSCALL_SETRESGID_X:
            case Ppme.SYSCALL_SETUID_X:
            case Ppme.SYSCALL_SETGID_X:
                credentialsExit(ev, e, type);
                break;
            case Ppme.CONTAINER_E:
                containers.oldContainerEvent(e);
                break;
            case Ppme.CONTAINER_JSON_E:
            case Ppme.CONTAINER_JSON_2_E:
                containers.containerJsonEvent(ev, e);
                break;
            case Ppme.SYSCALL_CHROOT_X:
                chrootExit(ev, e);
                break;
            case Ppme.SYSCALL_SETSID_X:
                if (Params.s64(e, 0) >= 0 && ev.tinfo != null) {
                    ThreadInfo.Builder b = ev.tinfo.toBuilder();
                    b.sid = Params.s64(e, 0);
                    threads.publish(ev, ev.slot, b);
                }
                break;
            case Ppme.SOCKET_GETSOCKOPT_X:
                sockets.getsockoptExit(ev, e);
                break;
            default:
                break;
        }
    }

    // =====================================================================================
    // handlers

    private void setFdlimit(ParsedEvent ev, TidSlot s, ThreadInfo t, long limit) {
        TidSlot m = threads.mainSlot(ev, s, t, true);
        ThreadInfo mt = m == null ? null : m.live();
        if (mt != null) {
            ThreadInfo.Builder b = mt.toBuilder();
            b.fdlimit = limit;
            threads.publish(ev, m, b);
        }
    }

    private void rlimitExit(ParsedEvent ev, Event e) {
        if (ev.tinfo == null || Params.s64(e, 0) < 0) {
            return;
        }
        RecordView en = ev.enterOf(e);
        if (en == null || Params.u8(en, 0) != RLIMIT_NOFILE) {
            return;
        }
        long cur = Params.s64(e, 1);
        if (cur != -1) {
            setFdlimit(ev, ev.slot, ev.tinfo, cur);
        }
    }

    private void prlimitExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) < 0) {
            return;
        }
        RecordView en = ev.enterOf(e);
        if (en == null || Params.u8(en, 1) != RLIMIT_NOFILE) {
            return;
        }
        long cur = Params.s64(e, 1);
        if (cur == -1) {
            return;
        }
        long tid = Params.s64(en, 0);
        if (tid == 0) {
            tid = e.threadId();
        }
        TidSlot s = threads.thread(ev, tid, true);
        ThreadInfo t = s == null ? null : s.live();
        if (t != null) {
            setFdlimit(ev, s, t, cur);
        }
    }

    private void credentialsExit(ParsedEvent ev, Event e, int type) {
        if (Params.s64(e, 0) < 0) {
            return;
        }
        RecordView en = ev.enterOf(e);
        if (en == null) {
            return;
        }
        ThreadInfo.Builder b = ev.tinfo.toBuilder();
        switch (type) {
            case Ppme.SYSCALL_SETRESUID_X: {
                int euid = Params.u32(en, 1);
                if (euid == -1) {
                    return;
                }
                b.uid = euid;
                break;
            }
            case Ppme.SYSCALL_SETRESGID_X: {
                int egid = Params.u32(en, 1);
                if (egid == -1) {
                    return;
                }
                b.gid = egid;
                break;
            }
            case Ppme.SYSCALL_SETUID_X:
                b.uid = Params.u32(en, 0);
                break;
            default:
                b.gid = Params.u32(en, 0);
                break;
        }
        threads.publish(ev, ev.slot, b);
    }

    private void chrootExit(ParsedEvent ev, Event e) {
        if (Params.s64(e, 0) != 0 || ev.tinfo == null) {
            return;
        }
        byte[] a = Params.array(e);
        int off = Params.arrayOffset(e, 1);
        int len = Params.len(e, 1);
        String raw = Render.sanitizedText(a, off, len);
        String root = raw;
        if (len > 0 && a[off] != '/' && !Params.startsWith(e, 1, "<NA>")) {
            root = Paths.resolve(threads.cwdOf(ev, ev.slot, ev.tinfo), a, off, Params.textLength(e, 1), len, 0);
        }
        ThreadInfo.Builder b = ev.tinfo.toBuilder();
        b.root = root;
        containers.resolveContainer(b);
        threads.publish(ev, ev.slot, b);
    }

    // ---- sockets

    // ---- processes

    private void cloneExit(ParsedEvent ev, Event e, int type) {
        long tid = e.threadId();
        long childtid = Params.s64(e, 0);
        boolean v11 = type == Ppme.SYSCALL_CLONE_11_X;
        boolean v16 = type == Ppme.SYSCALL_CLONE_16_X || type == Ppme.SYSCALL_FORK_X || type == Ppme.SYSCALL_VFORK_X;
        boolean v17 = type == Ppme.SYSCALL_CLONE_17_X || type == Ppme.SYSCALL_FORK_17_X || type == Ppme.SYSCALL_VFORK_17_X;
        boolean v20 = !v11 && !v16 && !v17;
        int flags = Params.u32(e, v11 ? 8 : v16 ? 13 : v17 ? 14 : 15);
        if (childtid < 0) {
            return;
        }
        long vtid = tid;
        long vpid = -1;
        if (v20) {
            vtid = Params.s64(e, 18);
            vpid = Params.s64(e, 19);
        }
        boolean inContainer = (flags & ThreadInfo.CHILD_IN_PIDNS) != 0 || tid != vtid;
        boolean inverted = false;
        boolean collision = false;
        if (childtid == 0) {
            if (ev.tinfo != null && ev.tinfo.cloneTs != 0 && ev.ts - ev.tinfo.cloneTs > CLONE_STALE_NS) {
                threads.removeThread(ev, tid, true);
            }
            long parent = Params.s64(e, (flags & ThreadInfo.CLONE_THREAD) != 0 ? 4 : 5);
            if (ev.tinfo == null) {
                inverted = true;
                childtid = tid;
                tid = parent;
            } else {
                if (inContainer) {
                    ThreadInfo.Builder b = ev.tinfo.toBuilder();
                    b.vtid = vtid;
                    b.vpid = vpid;
                    threads.publish(ev, ev.slot, b);
                }
                return;
            }
        } else if (inContainer) {
            return;
        }
        TidSlot ps = threads.thread(ev, tid, true);
        ThreadInfo pt = ps == null ? null : ps.live();
        if (pt == null) {
            return;
        }
        boolean valid = !("<NA>".equals(pt.comm) && pt.uid == -1);
        TidSlot existing = threads.find(childtid);
        if (existing != null) {
            if (existing.live().has(ThreadInfo.CLONE_INVERTED)) {
                return;
            }
            threads.removeThread(ev, childtid, true);
            collision = true;
        }
        ThreadInfo.Builder b = new ThreadInfo.Builder();
        b.tid = childtid;
        b.ptid = tid;
        boolean isThread = (flags & ThreadInfo.CLONE_THREAD) != 0;
        if (valid) {
            copyFromParent(b, pt, isThread);
        } else {
            threads.removeThread(ev, tid, true);
            collision = true;
            ps = threads.thread(ev, tid, true);
            pt = ps == null ? null : ps.live();
            if (pt == null) {
                return;
            }
            if (!"<NA>".equals(pt.comm) && pt.uid != -1) {
                copyFromParent(b, pt, isThread);
            } else {
                b.exe = Params.str(e, 1);
                b.comm = v11 || v16 ? b.exe : Params.str(e, 13);
                b.args = Params.strings(e, 2);
                ThreadInfo.Builder pb = pt.toBuilder();
                pb.comm = b.comm;
                pb.exe = b.exe;
                pb.exepath = b.exepath;
                pb.args = b.args;
                pt = threads.publish(ev, ps, pb);
            }
        }
        b.pid = Params.s64(e, 4);
        b.flags = flags;
        FdTable childFds = FdTable.EMPTY;
        if (!isThread) {
            b.pid = childtid;
            TidSlot ptable = threads.tableSlot(ev, ps, pt);
            childFds = ptable == null ? FdTable.EMPTY : ptable.fds;
            b.cwd = threads.cwdOf(ev, ps, pt);
        }
        if (inverted) {
            b.flags |= ThreadInfo.CLONE_INVERTED;
        }
        b.exe = Params.str(e, 1);
        b.comm = v11 || v16 ? b.exe : Params.str(e, 13);
        b.args = Params.strings(e, 2);
        b.fdlimit = Params.s64(e, 7);
        int uidIdx = v11 ? 9 : v16 ? 14 : v17 ? 15 : 16;
        b.uid = Params.u32(e, uidIdx);
        b.gid = Params.u32(e, uidIdx + 1);
        if (inContainer) {
            b.vtid = vtid;
            b.vpid = vpid;
        } else {
            b.vtid = b.tid;
            b.vpid = b.pid;
        }
        if (v20) {
            b.cgroups = Params.cgroups(e, 14);
            containers.resolveContainer(b);
        }
        b.cloneTs = ev.ts;
        if (threads.isFull()) {
            return;
        }
        TidSlot cs = threads.newThread(childtid);
        if (!v11) {
            cs.pfmajor = Params.s64(e, 8);
            cs.pfminor = Params.s64(e, 9);
            cs.vmsize = Params.u32(e, 10) & 0xffffffffL;
            cs.vmrss = Params.u32(e, 11) & 0xffffffffL;
            cs.vmswap = Params.u32(e, 12) & 0xffffffffL;
        }
        cs.fds = childFds;
        threads.publish(ev, cs, b);
        if (isThread) {
            TidSlot m = threads.thread(ev, b.pid, true);
            if (m != null) {
                m.nchilds++;
            }
        }
        if (collision) {
            ev.slot = threads.find(e.threadId());
            ev.tinfo = ev.slot == null ? null : ev.slot.live();
        }
    }

    private static void copyFromParent(ThreadInfo.Builder b, ThreadInfo pt, boolean isThread) {
        b.comm = pt.comm;
        b.exe = pt.exe;
        b.exepath = pt.exepath;
        b.exeWritable = pt.exeWritable;
        b.args = pt.args;
        b.root = pt.root;
        b.sid = pt.sid;
        b.vpgid = pt.vpgid;
        b.tty = pt.tty;
        b.loginuid = pt.loginuid;
        if (!isThread) {
            b.env = pt.env;
        }
    }

    private void execveExit(ParsedEvent ev, Event e, int type) {
        if (Params.s64(e, 0) < 0 || ev.tinfo == null) {
            return;
        }
        int version;
        switch (type) {
            case Ppme.SYSCALL_EXECVE_8_X -> version = 8;
            case Ppme.SYSCALL_EXECVE_13_X -> version = 13;
            case Ppme.SYSCALL_EXECVE_14_X -> version = 14;
            case Ppme.SYSCALL_EXECVE_15_X -> version = 15;
            case Ppme.SYSCALL_EXECVE_16_X -> version = 16;
            case Ppme.SYSCALL_EXECVE_17_X -> version = 17;
            case Ppme.SYSCALL_EXECVE_18_X -> version = 18;
            case Ppme.SYSCALL_EXECVE_19_X -> version = 19;
            default -> version = 20;
        }
        ThreadInfo.Builder b = ev.tinfo.toBuilder();
        b.exe = Params.str(e, 1);
        b.comm = version <= 14 ? b.exe : Params.str(e, 13);
        b.args = Params.strings(e, 2);
        b.pid = Params.s64(e, 4);
        if (b.ptid == -1) {
            b.ptid = Params.s64(e, 5);
        }
        b.fdlimit = Params.s64(e, 7);
        if (version > 8) {
            ev.slot.pfmajor = Params.s64(e, 8);
            ev.slot.pfminor = Params.s64(e, 9);
            ev.slot.vmsize = Params.u32(e, 10) & 0xffffffffL;
            ev.slot.vmrss = Params.u32(e, 11) & 0xffffffffL;
            ev.slot.vmswap = Params.u32(e, 12) & 0xffffffffL;
        }
        if (version == 14) {
            b.env = Params.env(e, 13);
        } else if (version == 15) {
            b.env = Params.env(e, 14);
        } else if (version >= 16) {
            b.env = Params.env(e, 15);
            b.cgroups = Params.cgroups(e, 14);
            containers.resolveContainer(b);
        }
        if (version >= 17) {
            b.tty = Params.u32(e, 16);
        }
        if (version == 18 || version == 19) {
            RecordView en = ev.enterOf(e);
            if (en != null) {
                if (Params.startsWith(en, 0, "<NA>")) {
                    b.exepath = "<NA>";
                } else {
                    b.exepath = Paths.resolve(ev.tinfo.cwd, Params.array(en), Params.arrayOffset(en, 0), Params.textLength(en, 0),
                            Params.len(en, 0), Paths.MAX_PATH);
                }
            }
        } else if (version == 20) {
            RecordView en = ev.enterOf(e);
            if (en != null) {
                if (Params.startsWith(en, 1, "<NA>")) {
                    b.exepath = "<NA>";
                } else {
                    long dirfd = Params.s64(en, 0);
                    int flags = Params.u32(en, 2);
                    String sdir = files.dirOf(ev, en, 1, dirfd);
                    if ((flags & EXVAT_AT_EMPTY_PATH) != 0 && Params.textLength(en, 1) == 0) {
                        b.exepath = Paths.resolve(sdir, sdir, Paths.MAX_PATH);
                    } else {
                        b.exepath = Paths.resolve(sdir, Params.array(en), Params.arrayOffset(en, 1), Params.textLength(en, 1),
                                Params.len(en, 1), Paths.MAX_PATH);
                    }
                }
            }
        }
        if (version >= 19) {
            b.vpgid = Params.s64(e, 17);
        }
        int n = Params.count(e);
        if (n > 18) {
            b.loginuid = Params.u32(e, 18);
        }
        if (n > 19) {
            b.exeWritable = (Params.u32(e, 19) & 1) != 0;
        }
        int keep = b.flags & (ThreadInfo.PIPE_SRC | ThreadInfo.PIPE_DST | ThreadInfo.IS_MAIN_THREAD | ThreadInfo.CLONE_INVERTED);
        b.flags = ThreadInfo.ACTIVE | keep | ThreadInfo.NAME_CHANGED;
        threads.publish(ev, ev.slot, b);
    }
}
