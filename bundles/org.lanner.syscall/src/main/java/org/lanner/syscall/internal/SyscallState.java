package org.lanner.syscall.internal;

import java.util.Map;

import org.lanner.api.event.Event;
import org.lanner.api.event.EventBatch;
import org.lanner.api.extract.BufferFormat;
import org.lanner.api.syscall.table.EventFlags;
import org.lanner.api.syscall.table.EventInfo;
import org.lanner.api.syscall.FdEntry;
import org.lanner.api.syscall.SystemSnapshot;

/**
 * The state libsinsp keeps for system-call events, and how each event changes it (a port of the
 * behaviour of libsinsp's parser and thread manager, written from their public sources). This is
 * the parser's entry point, libsinsp's {@code sinsp_parser::process_event}: for each event it
 * resets the {@link ParsedEvent} (the event's thread and fd), hands it to the handler of the
 * event's type ({@link FileHandlers}, {@link SocketHandlers}, {@link ProcessHandlers},
 * {@link ContainerHandlers}) and fills the event's {@link EventContext}. The thread table is
 * {@link ThreadTable}, tuples and addresses {@link SocketTuples}, the initial state
 * {@link SnapshotLoader}. One instance per stream, used by the parser thread only; what lanes read
 * goes through immutable versions ({@link ThreadInfo}, {@link FdInfo}, {@link FdTable}) and
 * {@link SharedState}.
 */
final class SyscallState {

    final SharedState shared;
    private final ThreadTable threads;
    private final ContainerHandlers containers;
    private final FileHandlers files;
    private final SocketHandlers sockets;
    private final ProcessHandlers processes;

    /** The event being parsed (libsinsp's sinsp_evt with its m_tinfo, m_fdinfo…), reused for every event. */
    private final ParsedEvent ev = new ParsedEvent();
    private long previousTs;
    /** Whether an event other than a container event has been parsed since the snapshot. */
    private boolean pastLeadingContainers;
    /** Per CPU, the time of the last context switch (for {@code thread.exectime}). */
    private long[] lastSwitchTs = new long[0];

    SyscallState(long purgeIntervalNs) {
        this(purgeIntervalNs, BufferFormat.NORMAL);
    }

    SyscallState(long purgeIntervalNs, BufferFormat bufferFormat) {
        shared = new SharedState(bufferFormat);
        threads = new ThreadTable(shared, purgeIntervalNs);
        containers = new ContainerHandlers(threads);
        SocketTuples tuples = new SocketTuples(shared, threads);
        files = new FileHandlers(threads, tuples);
        sockets = new SocketHandlers(threads);
        processes = new ProcessHandlers(threads, containers, files);
    }

    /** The container handlers (malformed container events are counted there). */
    ContainerHandlers containerHandlers() {
        return containers;
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

    /** Fills {@code ctx} with what the event's fields read: its thread, process, fds and counters after the event. */
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

    /** libsinsp's process_event switch: hands the event to the handler of its type. */
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
                processes.cloneExit(ev, e, type);
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
                processes.execveExit(ev, e, type);
                break;
            case Ppme.PROCEXIT_E:
            case Ppme.PROCEXIT_1_E:
                processes.procexit(ev, e);
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
                processes.rlimitExit(ev, e);
                break;
            case Ppme.SYSCALL_PRLIMIT_X:
                processes.prlimitExit(ev, e);
                break;
            case Ppme.SOCKET_SOCKETPAIR_X:
                sockets.socketpairExit(ev, e);
                break;
            case Ppme.SCHEDSWITCH_1_E:
            case Ppme.SCHEDSWITCH_6_E:
                processes.contextSwitch(ev, e);
                break;
            case Ppme.SYSCALL_BRK_4_X:
            case Ppme.SYSCALL_MMAP_X:
            case Ppme.SYSCALL_MMAP2_X:
            case Ppme.SYSCALL_MUNMAP_X:
                processes.memoryExit(ev, e);
                break;
            case Ppme.SYSCALL_SETRESUID_X:
            case Ppme.SYSCALL_SETRESGID_X:
            case Ppme.SYSCALL_SETUID_X:
            case Ppme.SYSCALL_SETGID_X:
                processes.credentialsExit(ev, e, type);
                break;
            case Ppme.CONTAINER_E:
                containers.oldContainerEvent(e);
                break;
            case Ppme.CONTAINER_JSON_E:
            case Ppme.CONTAINER_JSON_2_E:
                containers.containerJsonEvent(ev, e);
                break;
            case Ppme.SYSCALL_CHROOT_X:
                processes.chrootExit(ev, e);
                break;
            case Ppme.SYSCALL_SETSID_X:
                processes.setsidExit(ev, e);
                break;
            case Ppme.SOCKET_GETSOCKOPT_X:
                sockets.getsockoptExit(ev, e);
                break;
            default:
                break;
        }
    }
}
